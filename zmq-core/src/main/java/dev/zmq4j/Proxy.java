package dev.zmq4j;

import dev.zmq4j.msg.Frame;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The built-in proxy ({@code zmq_proxy} and {@code zmq_proxy_steerable}): moves whole messages from the frontend to
 * the backend and back, on the calling thread, until the context closes or a control socket says TERMINATE.
 *
 * <p>Typical pairs: ROUTER/DEALER (a shared queue), XSUB/XPUB (a forwarder, subscriptions flowing upstream),
 * PULL/PUSH (a streamer). A capture socket, when given, gets a copy of every frame moved in either direction.
 *
 * <p>A message is taken from one side only when the other side can accept it, so a full backend holds messages
 * in the frontend's queues (where HWM applies) instead of blocking the other direction. The proxy never spins:
 * while a side has no room it waits for that side's POLLOUT alone.
 *
 * <p>Steering, with libzmq's (post-4.3.5) semantics: the control socket receives single-frame commands
 * {@code PAUSE} (stop moving messages), {@code RESUME}, {@code TERMINATE} (return) and {@code STATISTICS}. A REP
 * control socket gets an empty reply to the first three; any other type gets no reply. STATISTICS is answered with
 * eight frames, each a 64-bit count in host byte order: frames and bytes received by the frontend, frames and bytes
 * sent by the frontend, then the same four for the backend (each frame of a multipart message counts).
 *
 * <p>The sockets belong to the proxy while it runs: do not use them from other threads meanwhile.
 */
public final class Proxy {
    /** Messages moved in one direction before the other direction and the control socket get a turn. */
    private static final int BURST = 512;

    private final Socket frontend;
    private final Socket backend;
    private final Socket capture;
    private final Socket control;
    private final Side front = new Side();
    private final Side back = new Side();
    private final Frame frame = new Frame();
    private final Frame forwarded = new Frame();
    private boolean paused;

    /** Statistics of one side. */
    private static final class Side {
        long framesIn;
        long bytesIn;
        long framesOut;
        long bytesOut;
        /** A message waits to leave through this side, which has no room: wait for POLLOUT, not for input. */
        boolean full;
    }

    private Proxy(Socket frontend, Socket backend, Socket capture, Socket control) {
        if (frontend == null || backend == null) {
            throw new ZmqException(ErrorCode.EINVAL, "a proxy needs a frontend and a backend socket");
        }
        this.frontend = frontend;
        this.backend = backend;
        this.capture = capture;
        this.control = control;
    }

    /**
     * Runs a proxy until the context closes.
     *
     * @param capture gets a copy of every frame moved; may be null
     * @throws ZmqException ETERM when the context closes (the normal end), EINTR when the thread is interrupted
     */
    public static void run(Socket frontend, Socket backend, Socket capture) {
        new Proxy(frontend, backend, capture, null).loop();
    }

    /**
     * Runs a proxy that a control socket steers; returns when it receives TERMINATE.
     *
     * @param capture gets a copy of every frame moved; may be null
     * @param control receives PAUSE, RESUME, TERMINATE and STATISTICS; null makes this {@link #run}
     * @throws ZmqException ETERM when the context closes first, EINTR when the thread is interrupted
     */
    public static void steerable(Socket frontend, Socket backend, Socket capture, Socket control) {
        new Proxy(frontend, backend, capture, control).loop();
    }

    private void loop() {
        try (Poller poller = new Poller()) {
            boolean oneSocket = frontend == backend;
            int frontIndex = poller.register(frontend, 0);
            int backIndex = oneSocket ? frontIndex : poller.register(backend, 0);
            int controlIndex = control == null ? -1 : poller.register(control, Poller.POLLIN);
            while (true) {
                int frontInterest = interest(front, back);
                int backInterest = interest(back, front);
                if (oneSocket) {
                    poller.register(frontend, frontInterest | backInterest);
                } else {
                    poller.register(frontend, frontInterest);
                    poller.register(backend, backInterest);
                }
                poller.poll(-1);
                if (controlIndex >= 0 && poller.isReadable(controlIndex) && handleCommand()) {
                    return;
                }
                if (paused) {
                    continue;
                }
                move(poller, frontIndex, backIndex, frontend, front, backend, back);
                if (!oneSocket) {
                    move(poller, backIndex, frontIndex, backend, back, frontend, front);
                }
            }
        }
    }

    /** What to poll a side for: input while the opposite side has room, room while a message waits for it. */
    private int interest(Side side, Side opposite) {
        if (paused) {
            return 0;
        }
        return (opposite.full ? 0 : Poller.POLLIN) | (side.full ? Poller.POLLOUT : 0);
    }

    private void move(Poller poller, int fromIndex, int toIndex, Socket from, Side fromSide, Socket to, Side toSide) {
        if (toSide.full) {
            if (!poller.isWritable(toIndex)) {
                return;
            }
            toSide.full = false;
        } else if (!poller.isReadable(fromIndex)) {
            return;
        }
        for (int moved = 0; moved < BURST; moved++) {
            if ((to.pollEvents() & Poller.POLLOUT) == 0) {
                toSide.full = true;
                return;
            }
            if (!moveMessage(from, fromSide, to, toSide)) {
                return;
            }
        }
    }

    /** Moves one whole message; false when there was none. */
    private boolean moveMessage(Socket from, Side fromSide, Socket to, Side toSide) {
        if (!from.recvFrame(frame, true)) {
            return false;
        }
        boolean delivering = true;
        while (true) {
            boolean more = frame.hasMore();
            int size = frame.size();
            fromSide.framesIn++;
            fromSide.bytesIn += size;
            // Pipes copy a view's bytes, so one received frame can go to the peer and to the capture socket.
            forwarded.setView(frame.array(), frame.offset(), size, more ? Frame.MORE : 0);
            if (capture != null) {
                capture.sendFrame(forwarded, false);
            }
            if (delivering) {
                delivering = to.sendFrame(forwarded, false);
                if (delivering) {
                    toSide.framesOut++;
                    toSide.bytesOut += size;
                }
            }
            if (!more) {
                return true;
            }
            // The rest of the message is already queued: receiving it cannot block.
            from.recvFrame(frame, false);
        }
    }

    /** Executes one control command; true for TERMINATE. */
    private boolean handleCommand() {
        if (!control.recvFrame(frame, true)) {
            return false;
        }
        String command = new String(frame.array(), frame.offset(), frame.size(), StandardCharsets.US_ASCII);
        while (frame.hasMore()) {
            control.recvFrame(frame, false);
        }
        boolean replies = control.type() == SocketType.REP;
        switch (command) {
            case "PAUSE" -> paused = true;
            case "RESUME" -> paused = false;
            case "TERMINATE" -> {
                acknowledge(replies);
                return true;
            }
            case "STATISTICS" -> {
                sendStatistics();
                return false;
            }
            default ->
                System.getLogger(Proxy.class.getName())
                        .log(
                                System.Logger.Level.WARNING,
                                "proxy: ignoring unknown control command '" + command
                                        + "' (expected PAUSE, RESUME, TERMINATE or STATISTICS)");
        }
        acknowledge(replies);
        return false;
    }

    private void acknowledge(boolean replies) {
        if (replies) {
            // A REP control socket must answer every request or it could never receive the next one.
            control.sendFrame(forwarded.setView(new byte[0], 0, 0, 0), false);
        }
    }

    private void sendStatistics() {
        long[] values = {
            front.framesIn,
            front.bytesIn,
            front.framesOut,
            front.bytesOut,
            back.framesIn,
            back.bytesIn,
            back.framesOut,
            back.bytesOut
        };
        for (int i = 0; i < values.length; i++) {
            byte[] value = ByteBuffer.allocate(Long.BYTES)
                    .order(ByteOrder.nativeOrder())
                    .putLong(values[i])
                    .array();
            control.sendFrame(forwarded.setOwned(value, i < values.length - 1 ? Frame.MORE : 0), false);
        }
    }
}
