package dev.zmq4j.engine;

import dev.zmq4j.SocketEvent;
import java.nio.channels.Channel;

/**
 * Where the engine side of a socket reports the socket's events (libzmq's monitor events): engines, connecters and
 * whatever else runs on an I/O thread for it. The socket layer implements it; the engine layer does not know the
 * socket.
 *
 * <p>Thread-safe: raised from any I/O thread, the reaper and the socket's own thread.
 */
public interface EventSink {
    /** Raises an event with a plain value: an errno, a ZAP status, a ZMQ_PROTOCOL_ERROR_* code, a delay. */
    void raise(SocketEvent.Type type, int value, String endpoint);

    /** Raises an event whose value is a channel's connection number (libzmq: its file descriptor). */
    void raise(SocketEvent.Type type, Channel channel, String endpoint);
}
