package dev.zmq4j.spring.support;

import dev.zmq4j.Message;
import dev.zmq4j.Poller;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;

/**
 * Receiving a whole multipart message without blocking. The engine's {@code recvMessage()} has no DONTWAIT form,
 * but messages are atomic, so when EVENTS says POLLIN the complete message is there and reading it cannot block.
 * Call on the socket's owning thread.
 */
public final class NonBlockingReceive {
    private NonBlockingReceive() {
    }

    /** The next message, or null when none is waiting. */
    public static Message receive(Socket socket) {
        if ((socket.get(SocketOption.EVENTS) & Poller.POLLIN) == 0) {
            return null;
        }
        return socket.recvMessage();
    }
}
