package dev.zmq4j.perf.jmh;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.Socket;
import dev.zmq4j.ZmqException;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The loops {@link PeerThread}s run at the far end of the socket benchmarks, for zmq4j and for JeroMQ, written the
 * same way so the two compare. Each uses the buffer-reusing calls, runs until closing the context makes its blocking
 * call fail with ETERM, then closes its socket on its own thread (JeroMQ's context waits for that).
 */
final class PeerLoops {
    private PeerLoops() {}

    /** Receives messages into {@code buffer} and sends each back. */
    static void echo(Socket socket, byte[] buffer) {
        try {
            while (true) {
                int received = socket.recv(buffer, 0, buffer.length, 0);
                socket.send(buffer, 0, Math.min(received, buffer.length), 0);
            }
        } catch (ZmqException e) {
            rethrowUnlessTerminated(e);
        } finally {
            socket.close();
        }
    }

    /** Receives messages into {@code buffer} and drops them. */
    static void drain(Socket socket, byte[] buffer) {
        try {
            while (true) {
                socket.recv(buffer, 0, buffer.length, 0);
            }
        } catch (ZmqException e) {
            rethrowUnlessTerminated(e);
        } finally {
            socket.close();
        }
    }

    static void echo(ZMQ.Socket socket, byte[] buffer) {
        try {
            int received;
            while ((received = receive(socket, buffer)) >= 0) {
                socket.send(buffer, 0, Math.min(received, buffer.length), 0);
            }
        } catch (ZMQException e) {
            rethrowUnlessTerminated(e);
        } finally {
            socket.close();
        }
    }

    static void drain(ZMQ.Socket socket, byte[] buffer) {
        try {
            while (receive(socket, buffer) >= 0) {
                // dropped
            }
        } catch (ZMQException e) {
            rethrowUnlessTerminated(e);
        } finally {
            socket.close();
        }
    }

    /**
     * JeroMQ's {@code recv(byte[], int, int, int)} does not throw when the context is terminated: it returns -1 and
     * leaves ETERM in {@code errno()}. Returns the frame's size, or -1 once the context is terminated.
     */
    private static int receive(ZMQ.Socket socket, byte[] buffer) {
        while (true) {
            int received = socket.recv(buffer, 0, buffer.length, 0);
            if (received >= 0) {
                return received;
            }
            if (socket.errno() == ZMQ.Error.ETERM.getCode()) {
                return -1;
            }
        }
    }

    private static void rethrowUnlessTerminated(ZmqException e) {
        if (e.code() != ErrorCode.ETERM) {
            throw e;
        }
    }

    private static void rethrowUnlessTerminated(ZMQException e) {
        if (e.getErrorCode() != ZMQ.Error.ETERM.getCode()) {
            throw e;
        }
    }
}
