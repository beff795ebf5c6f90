package dev.zmq4j.spring.listener;

import dev.zmq4j.Message;
import dev.zmq4j.SocketType;
import dev.zmq4j.spring.metrics.SocketMeters;
import dev.zmq4j.spring.metrics.ZmqMetrics;
import dev.zmq4j.spring.support.ZmqErrorReplies;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * From a received message to the message to send back: splits the envelope, calls the handler, wraps the reply
 * in the envelope, counts both. Stateless apart from its collaborators, so one instance serves every worker.
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

    /** @return the complete reply to send on the same socket, or null when this socket type does not reply */
    public Message dispatch(Message received) {
        meters.received(ZmqMetrics.sizeOf(received));
        InboundMessage inbound;
        try {
            inbound = InboundMessage.parse(socketType, received);
        } catch (RuntimeException e) {
            LOG.warn("zmq listener on a " + socketType + " socket: dropping a malformed message: " + e.getMessage());
            // A REP socket must still answer (its envelope is kept by the socket); a ROUTER has no one to answer.
            return socketType == SocketType.REP ? counted(ZmqErrorReplies.of(e)) : null;
        }
        Message reply;
        try {
            reply = handler.handle(inbound);
        } catch (Throwable e) {
            // The handler adapter already routes failures to the error handler; this is the last line that keeps
            // a REP socket from being stuck without a reply and the listener thread alive.
            LOG.error("zmq listener on a " + socketType + " socket: the handler failed outside its error handling", e);
            reply = ZmqErrorReplies.of(e);
        }
        if (!InboundMessage.replies(socketType)) {
            return null;
        }
        return counted(inbound.wrapReply(reply != null ? reply : Message.of(new byte[0])));
    }

    private Message counted(Message complete) {
        meters.sent(ZmqMetrics.sizeOf(complete));
        return complete;
    }
}
