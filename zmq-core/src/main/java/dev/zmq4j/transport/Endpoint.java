package dev.zmq4j.transport;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.ZmqException;

/**
 * A parsed endpoint string, {@code transport://address}.
 *
 * <p>Immutable and thread-safe.
 */
public record Endpoint(Transport transport, String address, String text) {

    /** The transports zmq4j speaks. */
    public enum Transport {
        TCP,
        IPC,
        INPROC,
        WS,
        /** ws over TLS. */
        WSS,
        /** RADIO and DISH only: one message per datagram. */
        UDP
    }

    public static Endpoint parse(String text) {
        if (text == null) {
            throw new ZmqException(ErrorCode.EINVAL, "the endpoint must not be null");
        }
        int separator = text.indexOf("://");
        if (separator <= 0) {
            throw new ZmqException(
                    ErrorCode.EINVAL,
                    "invalid endpoint '" + text + "': expected transport://address, e.g. tcp://127.0.0.1:5555");
        }
        String scheme = text.substring(0, separator);
        String address = text.substring(separator + 3);
        Transport transport;
        switch (scheme) {
            case "tcp":
                transport = Transport.TCP;
                break;
            case "inproc":
                transport = Transport.INPROC;
                break;
            case "ipc":
                transport = Transport.IPC;
                break;
            case "ws":
                transport = Transport.WS;
                break;
            case "wss":
                transport = Transport.WSS;
                break;
            case "udp":
                transport = Transport.UDP;
                break;
            case "pgm":
            case "epgm":
            case "tipc":
            case "vmci":
            case "norm":
                throw new ZmqException(
                        ErrorCode.EPROTONOSUPPORT,
                        "transport '" + scheme + "' of endpoint '" + text + "' is not supported by zmq4j");
            default:
                throw new ZmqException(
                        ErrorCode.EPROTONOSUPPORT, "unknown transport '" + scheme + "' in endpoint '" + text + "'");
        }
        if (address.isEmpty()) {
            throw new ZmqException(ErrorCode.EINVAL, "invalid endpoint '" + text + "': the address is empty");
        }
        return new Endpoint(transport, address, text);
    }
}
