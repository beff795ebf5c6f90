package dev.zmq4j.perf.jeromq;

import dev.zmq4j.perf.PerfSocket;
import org.zeromq.ZMQ;

/**
 * A JeroMQ socket on its buffer-reusing calls. JeroMQ's {@code recv(byte[], int, int, int)} returns the bytes copied,
 * not the frame's size, which fits {@link PerfSocket#recv}'s contract: a longer frame fills the buffer. Not
 * thread-safe.
 */
final class JeromqSocket implements PerfSocket {
    private final ZMQ.Socket socket;

    JeromqSocket(ZMQ.Socket socket) {
        this.socket = socket;
    }

    @Override
    public void enable(Option option) {
        switch (option) {
            case XPUB_VERBOSE -> socket.setXpubVerbose(true);
            case XPUB_NODROP -> socket.setXpubNoDrop(true);
        }
    }

    @Override
    public void subscribe(byte[] topic) {
        socket.subscribe(topic);
    }

    @Override
    public void bind(String endpoint) {
        if (!socket.bind(endpoint)) {
            throw new IllegalStateException("error in bind to " + endpoint + ": errno " + socket.errno());
        }
    }

    @Override
    public void connect(String endpoint) {
        if (!socket.connect(endpoint)) {
            throw new IllegalStateException("error in connect to " + endpoint + ": errno " + socket.errno());
        }
    }

    @Override
    public void send(byte[] buffer, int length) {
        if (!socket.send(buffer, 0, length, 0)) {
            throw new IllegalStateException("error in send: errno " + socket.errno());
        }
    }

    @Override
    public void sendMore(byte[] buffer, int length) {
        if (!socket.send(buffer, 0, length, ZMQ.SNDMORE)) {
            throw new IllegalStateException("error in send: errno " + socket.errno());
        }
    }

    @Override
    public int recv(byte[] buffer) {
        int size = socket.recv(buffer, 0, buffer.length, 0);
        if (size < 0) {
            throw new IllegalStateException("error in recv: errno " + socket.errno());
        }
        return size;
    }

    @Override
    public void close() {
        // Not context.destroySocket, which would set the context's LINGER again over a SUB's 0 (JeromqContext).
        socket.close();
    }
}
