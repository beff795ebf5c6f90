package dev.zmq4j.engine;

import dev.zmq4j.SocketType;
import dev.zmq4j.core.Options;
import dev.zmq4j.io.IoThread;
import dev.zmq4j.session.Session;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * What a {@link Session} asks of the engine that drives its connection (libzmq's i_engine): start, resume reading
 * or writing after back-pressure, stop. {@link StreamEngine} speaks ZMTP; {@link RawEngine} passes raw bytes for
 * STREAM sockets.
 *
 * <p>Made on the listener's or connecter's thread, then used only on the session's I/O thread.
 */
public interface Engine {
    /**
     * The engine for a new connection of a socket with these options: raw bytes for STREAM, ZMTP for every other
     * type.
     *
     * @param key the channel's registration when the connecter already registered it with the session's I/O thread
     */
    static Engine forConnection(SocketChannel channel, SelectionKey key, Options options, String endpoint) {
        if (options.type == SocketType.STREAM) {
            return new RawEngine(channel, key, options, endpoint);
        }
        return new StreamEngine(channel, key, options, endpoint);
    }

    /** Starts the engine on the session's I/O thread. */
    void plug(IoThread ioThread, Session session);

    /** The socket has read from a full pipe: resume delivering what the peer sends. */
    void restartInput();

    /** New messages were flushed into an empty pipe: resume writing to the peer. */
    void restartOutput();

    /** Closes the connection without telling the session (the session is going away). */
    void terminate();
}
