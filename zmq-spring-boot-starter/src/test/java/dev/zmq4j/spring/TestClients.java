package dev.zmq4j.spring;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** Raw zmq4j client sockets for tests, with a receive timeout so a missing reply fails instead of hanging. */
public final class TestClients {
    public static final int REPLY_TIMEOUT_MILLIS = 10_000;

    private TestClients() {}

    public static Socket connected(Context context, SocketType type, String endpoint) {
        Socket socket = context.socket(type);
        socket.set(SocketOption.LINGER, 0);
        socket.set(SocketOption.RCVTIMEO, REPLY_TIMEOUT_MILLIS);
        socket.connect(endpoint);
        return socket;
    }

    /** Sends {@code request} on a REQ socket and returns the reply; fails if none comes within the timeout. */
    public static Message exchange(Socket req, Message request) {
        req.send(request);
        return receive(req);
    }

    /** The next message of a socket made by {@link #connected}; fails if none comes within the timeout. */
    public static Message receive(Socket socket) {
        Message reply = socket.recvMessage();
        if (reply == null) {
            throw new AssertionError("no reply within " + REPLY_TIMEOUT_MILLIS + " ms");
        }
        return reply;
    }

    /**
     * Waits {@code millis} for a message that must not come (a paused listener's reply): only a broken listener can
     * fail this, a slow machine cannot. Restores the socket's receive timeout.
     */
    public static void assertNoReply(Socket socket, int millis) {
        socket.set(SocketOption.RCVTIMEO, millis);
        try {
            Message message = socket.recvMessage();
            if (message != null) {
                throw new AssertionError("expected no reply, got one of " + message.size() + " frames");
            }
        } finally {
            socket.set(SocketOption.RCVTIMEO, REPLY_TIMEOUT_MILLIS);
        }
    }

    /**
     * Publishes until a message gets through to {@code received} (a PUB drops what it sends before the SUB's
     * subscription has arrived), within {@code waitSeconds}; null if none did.
     */
    public static String publishUntilReceived(Runnable publish, BlockingQueue<String> received, long waitSeconds)
            throws InterruptedException {
        String first = null;
        for (int attempt = 0; attempt < waitSeconds * 10 && first == null; attempt++) {
            publish.run();
            first = received.poll(100, TimeUnit.MILLISECONDS);
        }
        return first;
    }
}
