package dev.zmq4j.spring.core;

/** No reply arrived within the request timeout. The late reply, if any, is dropped. */
public class ZmqRequestTimeoutException extends ZmqTemplateException {
    public ZmqRequestTimeoutException(String message) {
        super(message);
    }
}
