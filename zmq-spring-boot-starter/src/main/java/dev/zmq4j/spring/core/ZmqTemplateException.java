package dev.zmq4j.spring.core;

/** A {@link ZmqTemplate} operation failed (closed template, wrong socket type for the operation, ...). */
public class ZmqTemplateException extends RuntimeException {
    public ZmqTemplateException(String message) {
        super(message);
    }

    public ZmqTemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
