package dev.zmq4j.spring.listener;

import dev.zmq4j.Message;
import dev.zmq4j.SocketType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A received message split into its routing envelope and its body. The split depends on the socket type:
 *
 * <pre>
 * ROUTER  [routing id][hops ...][empty]  [body frames ...]   envelope up to the first empty frame,
 *                                                           or just the routing id when there is none
 * SUB     [topic][body frames ...]                           topic frame when there are two frames or more
 * SERVER  [body]                                             one frame; the peer's routing id travels beside it,
 *                                                            {@link Message#routingId()}, never on the wire
 * DISH    [body]                                             one frame; its group travels beside it,
 *                                                            {@link Message#group()}
 * others  [body frames ...]                                  (REP has already removed its envelope)
 * </pre>
 *
 * The payload is the last body frame. {@code routingId} is the {@link dev.zmq4j.spring.support.ZmqHeaders#ROUTING_ID}
 * header's value: the first envelope frame ({@code byte[]}) for a ROUTER, the {@code Integer} id for a SERVER, null
 * otherwise; {@code group} the {@link dev.zmq4j.spring.support.ZmqHeaders#GROUP} header's, a DISH message's group.
 * Immutable.
 */
public record InboundMessage(
        SocketType socketType, Message envelope, Message body, Object routingId, String topic, String group) {
    private static final Message NO_FRAMES = Message.of(new byte[0][]);

    public static InboundMessage parse(SocketType type, Message received) {
        List<byte[]> frames = new ArrayList<>(received.size());
        received.forEach(frames::add);
        if (type == SocketType.ROUTER && !frames.isEmpty()) {
            int envelopeEnd = 1;
            for (int i = 1; i < frames.size() - 1; i++) {
                if (frames.get(i).length == 0) {
                    envelopeEnd = i + 1;
                    break;
                }
            }
            return new InboundMessage(
                    type,
                    slice(frames, 0, envelopeEnd),
                    slice(frames, envelopeEnd, frames.size()),
                    frames.get(0),
                    null,
                    null);
        }
        if (type == SocketType.SUB && frames.size() >= 2) {
            return new InboundMessage(
                    type,
                    NO_FRAMES,
                    slice(frames, 1, frames.size()),
                    null,
                    new String(frames.get(0), StandardCharsets.UTF_8),
                    null);
        }
        if (type == SocketType.SERVER) {
            return new InboundMessage(type, NO_FRAMES, received, received.routingId(), null, null);
        }
        if (type == SocketType.DISH) {
            return new InboundMessage(type, NO_FRAMES, received, null, null, received.group());
        }
        return new InboundMessage(type, NO_FRAMES, received, null, null, null);
    }

    /** The last body frame, or an empty array when the body has no frame. */
    public byte[] payload() {
        return body.size() == 0 ? new byte[0] : body.get(body.size() - 1);
    }

    /**
     * The reply as it must be sent: the envelope, then the reply frames; for a SERVER, the one reply frame addressed
     * to the request's routing id (a copy: the listener's own {@code Message} is left as it was).
     */
    public Message wrapReply(Message reply) {
        if (socketType == SocketType.SERVER) {
            return Message.of(reply.size() == 0 ? new byte[0] : reply.get(0)).routingId((Integer) routingId);
        }
        if (envelope.size() == 0) {
            return reply;
        }
        byte[][] frames = new byte[envelope.size() + reply.size()][];
        int i = 0;
        for (byte[] frame : envelope) {
            frames[i++] = frame;
        }
        for (byte[] frame : reply) {
            frames[i++] = frame;
        }
        return Message.of(frames);
    }

    public static boolean replies(SocketType type) {
        return type == SocketType.REP || type == SocketType.ROUTER || type == SocketType.SERVER;
    }

    /** What becomes of a message whose handling failed on a socket of {@code type}, in the words the logs use. */
    public static String afterFailure(SocketType type) {
        return replies(type)
                ? "answering with an error reply"
                : "the message is dropped (a one-way socket has no reply)";
    }

    private static Message slice(List<byte[]> frames, int from, int to) {
        return Message.of(frames.subList(from, to).toArray(new byte[0][]));
    }
}
