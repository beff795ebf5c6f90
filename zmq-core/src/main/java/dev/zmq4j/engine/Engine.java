package dev.zmq4j.engine;

import dev.zmq4j.io.IoThread;

/**
 * What a session asks of the engine that drives its connection (libzmq's i_engine): start, resume reading or writing
 * after back-pressure, go on with a handshake that waited for authentication, stop. {@link ZmtpEngine} speaks ZMTP;
 * {@link RawEngine} passes raw bytes for STREAM sockets. The transport that made the connection chooses which.
 *
 * <p>Made on the listener's or connecter's thread, then used only on the host's I/O thread.
 */
public interface Engine {
    /** Starts the engine on the host's I/O thread. */
    void plug(IoThread ioThread, EngineHost host);

    /** The socket has read from a full pipe: resume delivering what the peer sends. */
    void restartInput();

    /** New messages were flushed into an empty pipe: resume writing to the peer. */
    void restartOutput();

    /**
     * The authentication reply (ZAP) the handshake was waiting for has arrived: let the mechanism read it and go on
     * (libzmq's zap_msg_available). Engines without a handshake ignore it.
     */
    default void zapReplyArrived() {}

    /** Closes the connection without telling the host (the host is going away). */
    void terminate();
}
