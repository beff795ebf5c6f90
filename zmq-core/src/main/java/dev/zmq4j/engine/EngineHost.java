package dev.zmq4j.engine;

import dev.zmq4j.msg.Frame;
import dev.zmq4j.msg.Properties;
import dev.zmq4j.protocol.mechanism.ZapChannel;

/**
 * What an engine needs of the object that hosts it (the session, in production; a recording host in tests): frames
 * to send, a place for frames received, and someone to tell when the connection is ready or gone.
 *
 * <p>Called only on the engine's I/O thread.
 */
public interface EngineHost {
    /**
     * Reads the next frame to send into {@code view} (valid until the next pull); false when there is none for now.
     * The host calls {@link Engine#restartOutput()} when there is more.
     */
    boolean pullFrame(Frame view);

    /**
     * Delivers a received frame; false when there is no room (the engine keeps it and waits for
     * {@link Engine#restartInput()}). The frame may be a view: the host copies what it keeps.
     */
    boolean pushFrame(Frame frame);

    /** Makes the frames pushed so far visible to the socket. */
    void flush();

    /**
     * The handshake is done: frames may flow. Every message received from now on carries {@code properties} (the
     * peer's address, what ZAP said about it, what it announced).
     */
    void engineReady(Properties properties);

    /** The line to the socket's ZAP handler, for a mechanism that authenticates its peer; one per connection. */
    ZapChannel zapChannel();

    /** The engine closed its connection by itself (peer gone, protocol error, timeout); it is not used again. */
    void engineError();

    /** Where the connection's socket events go. */
    EventSink events();
}
