package dev.zmq4j.spring.listener;

import dev.zmq4j.Message;
import dev.zmq4j.SocketType;
import dev.zmq4j.spring.metrics.SocketMeters;
import dev.zmq4j.spring.metrics.ZmqMetrics;
import dev.zmq4j.spring.support.ZmqErrorReplies;
import java.util.concurrent.CompletableFuture;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * From a received message to the message to send back: splits the envelope, calls the handler, wraps the reply
 * in the envelope (for a SERVER: addresses the one reply frame to the request's routing id), counts both. Stateless apart from its collaborators, so one instance serves every worker, and a
 * reply that completes later (a listener that returned a future) is finished on whichever thread completes it.
 */
public final class RequestDispatcher {
    private static final Log LOG = LogFactory.getLog(RequestDispatcher.class);
    private final SocketType socketType;
    private final ReceivedMessageHandler handler;
    private final SocketMeters meters;

    /** @param socketType the type of the socket the messages were received on (ROUTER for a worker pool's front) */
    public RequestDispatcher(SocketType socketType, ReceivedMessageHandler handler, SocketMeters meters) {
        this.socketType = socketType;
        this.handler = handler;
        this.meters = meters;
    }

    public SocketType socketType() {
        return socketType;
    }

    /**
     * @return the complete reply to send on the same socket, or null when this socket type does not reply; already
     *     completed unless the listener returned a future, in which case it completes when that future does, on
     *     that future's thread (send it from the socket's thread all the same). Never completes exceptionally.
     */
    public CompletableFuture<Message> dispatch(Message received) {
        meters.received(ZmqMetrics.sizeOf(received));
        InboundMessage inbound;
        try {
            inbound = InboundMessage.parse(socketType, received);
        } catch (RuntimeException e) {
            LOG.warn("zmq listener on a " + socketType + " socket: dropping a malformed message: " + e.getMessage());
            // A REP socket must still answer (its envelope is kept by the socket); a ROUTER has no one to answer.
            return CompletableFuture.completedFuture(
                    socketType == SocketType.REP ? counted(ZmqErrorReplies.of(e)) : null);
        }
        CompletableFuture<Message> reply;
        try {
            reply = handler.handle(inbound);
        } catch (Throwable e) {
            reply = CompletableFuture.failedFuture(e);
        }
        return reply.handle((body, failure) -> complete(inbound, body, failure));
    }

    private Message complete(InboundMessage inbound, Message body, Throwable failure) {
        Message reply = body;
        if (failure != null) {
            // The handler adapter already routes failures to the error handler; this is the last line that keeps
            // a REP socket from being stuck without a reply and the listener thread alive.
            LOG.error(
                    "zmq listener on a " + socketType + " socket: the handler failed outside its error handling",
                    failure);
            reply = ZmqErrorReplies.of(failure);
        }
        if (!InboundMessage.replies(socketType)) {
            return null;
        }
        if (reply == null) {
            reply = Message.of(new byte[0]);
        }
        if (socketType.isThreadSafe()) {
            reply = singlePart(reply);
        }
        return counted(inbound.wrapReply(reply));
    }

    /**
     * A SERVER sends one frame per message: the error reply is folded into one, and a listener's reply of several
     * frames, which the socket would refuse (leaving the client with no answer), becomes an error reply saying so.
     */
    private Message singlePart(Message reply) {
        if (ZmqErrorReplies.isError(reply)) {
            return reply.size() == 1 ? reply : ZmqErrorReplies.singleFrame(reply);
        }
        if (reply.size() <= 1) {
            return reply;
        }
        LOG.warn("zmq listener on a " + socketType + " socket: a reply of " + reply.size()
                + " frames cannot be sent on a single-part socket; answering with an error reply");
        return ZmqErrorReplies.singleFrame(ZmqErrorReplies.of(new IllegalStateException(
                "a " + socketType + " reply is one frame, the listener returned " + reply.size())));
    }

    private Message counted(Message complete) {
        meters.sent(ZmqMetrics.sizeOf(complete));
        return complete;
    }
}
