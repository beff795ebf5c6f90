package dev.zmq4j.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;

/**
 * The application side of {@link ConnectingSocketFuzzTest}'s zmq4j socket: receives every message there is, without
 * blocking, and checks each as it comes, while keeping the socket in a state where it reads on. A REQ that is not
 * waiting for a reply, or a REP that owes one, reads nothing; past RCVHWM its engine would then stop reading and
 * never see the peer close. So a REQ sends a request whenever it may, a REP answers every request, and an XSUB
 * subscribes to everything (it reads and drops what matches no subscription either way).
 *
 * <p>Checks: a frame with MORE is followed by the next frame of its message at once (messages arrive whole, or
 * not at all); no frame from the peer is larger than MAXMSGSIZE (a ROUTER's first frame is the routing id, which
 * the socket makes).
 *
 * <p>Not thread-safe: the thread that uses the socket.
 */
final class DrainingApplication {
    private static final byte[] REQUEST = {'r', 'e', 'q'};
    private static final byte[] REPLY = {'r', 'e', 'p'};
    private static final byte[] SUBSCRIBE_ALL = {1};

    private final Socket socket;
    private final SocketType type;
    private final long maxMsgSize;
    private boolean requestOutstanding;
    private boolean replyOwed;

    DrainingApplication(Socket socket, long maxMsgSize) {
        this.socket = socket;
        this.type = socket.type();
        this.maxMsgSize = maxMsgSize;
    }

    Socket socket() {
        return socket;
    }

    /** PUB and PUSH never receive (receiving fails with ENOTSUP). */
    boolean receives() {
        return type != SocketType.PUB && type != SocketType.PUSH;
    }

    /**
     * What is sent before the socket connects (queued for the connection, which exists as a pipe already): a REQ's
     * first request, an XSUB's subscription, and, as the fuzzer chooses, a message from a socket that may send one.
     */
    void start(FuzzedDataProvider data) {
        switch (type) {
            case REQ:
                requestOutstanding = socket.send(REQUEST, Socket.DONTWAIT);
                break;
            case XSUB:
                socket.send(SUBSCRIBE_ALL, Socket.DONTWAIT);
                break;
            case DEALER:
            case PAIR:
            case PUSH:
            case PUB:
            case XPUB:
                if (data.consumeBoolean()) {
                    socket.send(data.consumeBytes(data.consumeInt(0, 32)), Socket.DONTWAIT);
                }
                break;
            default:
                break;
        }
    }

    /** Receives every message there is now; a REQ requests again after each reply, a REP answers each request. */
    void drain() {
        if (!receives()) {
            return;
        }
        while (true) {
            if (type == SocketType.REQ && !requestOutstanding) {
                requestOutstanding = socket.send(REQUEST, Socket.DONTWAIT);
                if (!requestOutstanding) {
                    return;
                }
            }
            if (type == SocketType.REP && replyOwed) {
                if (!socket.send(REPLY, Socket.DONTWAIT)) {
                    return;
                }
                replyOwed = false;
            }
            if (!receiveOne()) {
                return;
            }
            requestOutstanding = false;
            replyOwed = type == SocketType.REP;
        }
    }

    private boolean receiveOne() {
        byte[] frame = socket.recv(Socket.DONTWAIT);
        if (frame == null) {
            return false;
        }
        int index = 0;
        checkSize(frame, index);
        while (socket.hasMore()) {
            frame = socket.recv(Socket.DONTWAIT);
            index++;
            if (frame == null) {
                throw new AssertionError("a " + type + " handed over " + index
                        + " frame(s) with MORE, then had no next frame: a message must arrive whole");
            }
            checkSize(frame, index);
        }
        return true;
    }

    private void checkSize(byte[] frame, int index) {
        boolean fromPeer = !(type == SocketType.ROUTER && index == 0);
        if (fromPeer && maxMsgSize >= 0 && frame.length > maxMsgSize) {
            throw new AssertionError("a " + type + " with MAXMSGSIZE " + maxMsgSize + " handed over a frame of "
                    + frame.length + " bytes (frame " + index + " of its message)");
        }
    }
}
