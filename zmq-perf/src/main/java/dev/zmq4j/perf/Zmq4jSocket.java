package dev.zmq4j.perf;

import dev.zmq4j.Socket;

/** A zmq4j socket on its buffer-reusing calls, so the tools' loops allocate nothing of their own. Not thread-safe. */
final class Zmq4jSocket implements PerfSocket {
    private final Socket socket;

    Zmq4jSocket(Socket socket) {
        this.socket = socket;
    }

    @Override
    public void bind(String endpoint) {
        socket.bind(endpoint);
    }

    @Override
    public void connect(String endpoint) {
        socket.connect(endpoint);
    }

    @Override
    public void send(byte[] buffer, int length) {
        if (!socket.send(buffer, 0, length, 0)) {
            throw new IllegalStateException("error in send: the " + socket.type() + " socket did not take the frame");
        }
    }

    @Override
    public int recv(byte[] buffer) {
        int size = socket.recv(buffer, 0, buffer.length, 0);
        if (size < 0) {
            throw new IllegalStateException("error in recv: the " + socket.type() + " socket returned no frame");
        }
        return size;
    }

    @Override
    public void close() {
        socket.close();
    }
}
