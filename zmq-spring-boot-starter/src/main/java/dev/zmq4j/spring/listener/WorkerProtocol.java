package dev.zmq4j.spring.listener;

import dev.zmq4j.Message;

/**
 * The inproc protocol between a worker pool's front thread (a ROUTER on the inproc side) and its workers
 * (DEALERs). The first frame after the routing id is a one-byte command:
 *
 * <pre>
 * worker -> front   [READY]                        once, when the worker is connected and idle
 * front  -> worker  [REQUEST][received frames ...] a message exactly as the front socket received it
 * worker -> front   [ANSWER][reply frames ...]     the complete reply (no frames for one-way sockets); idle again
 * front  -> worker  [STOP]                         sent after the last request, so the worker has answered all
 * </pre>
 *
 * A worker gets a request only while it is idle, so N workers handle at most N messages at once and a slow one
 * never has requests queued behind it.
 */
final class WorkerProtocol {
    static final byte READY = 'Y';
    static final byte REQUEST = 'R';
    static final byte ANSWER = 'A';
    static final byte STOP = 'S';

    private WorkerProtocol() {}

    /** {@code [prefix ...][command][frames of message ...]} */
    static Message frame(byte[] routingId, byte command, Message message) {
        int prefix = routingId == null ? 1 : 2;
        byte[][] frames = new byte[prefix + (message == null ? 0 : message.size())][];
        int i = 0;
        if (routingId != null) {
            frames[i++] = routingId;
        }
        frames[i++] = new byte[] {command};
        if (message != null) {
            for (byte[] frame : message) {
                frames[i++] = frame;
            }
        }
        return Message.of(frames);
    }

    /** The frames after the first {@code skip} ones. */
    static Message tail(Message message, int skip) {
        byte[][] frames = new byte[Math.max(0, message.size() - skip)][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = message.get(skip + i);
        }
        return Message.of(frames);
    }
}
