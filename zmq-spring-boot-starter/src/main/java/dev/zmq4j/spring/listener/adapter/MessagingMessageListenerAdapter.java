package dev.zmq4j.spring.listener.adapter;

import dev.zmq4j.Message;
import dev.zmq4j.SocketType;
import dev.zmq4j.spring.listener.InboundMessage;
import dev.zmq4j.spring.listener.ListenerExecutionFailedException;
import dev.zmq4j.spring.listener.ReceivedMessageHandler;
import dev.zmq4j.spring.listener.ZmqListenerErrorHandler;
import dev.zmq4j.spring.metrics.ZmqObservations;
import dev.zmq4j.spring.support.PayloadConverter;
import dev.zmq4j.spring.support.ZmqErrorReplies;
import dev.zmq4j.spring.support.ZmqHeaders;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Calls a {@code @ZmqListener} method through spring-messaging's {@link InvocableHandlerMethod}: builds a Spring
 * message whose payload is the last body frame (headers in {@link ZmqHeaders}), invokes, and turns the return
 * value into the reply. Every failure (argument conversion, validation, the method itself, reply conversion)
 * goes to the error handler, and if that fails too a {@code zmq4j-error} reply is produced, so a replying socket
 * always answers exactly once. Each invocation runs inside its own {@code zmq.listener} observation scope on the
 * calling thread. Thread-safe (stateless per call).
 */
public final class MessagingMessageListenerAdapter implements ReceivedMessageHandler {
    private static final Log LOG = LogFactory.getLog(MessagingMessageListenerAdapter.class);

    private final String listenerId;
    private final InvocableHandlerMethod handlerMethod;
    private final PayloadConverter converter;
    private final ZmqListenerErrorHandler errorHandler;
    private final ObservationRegistry observations;

    public MessagingMessageListenerAdapter(
            String listenerId,
            InvocableHandlerMethod handlerMethod,
            PayloadConverter converter,
            ZmqListenerErrorHandler errorHandler,
            ObservationRegistry observations) {
        this.listenerId = listenerId;
        this.handlerMethod = handlerMethod;
        this.converter = converter;
        this.errorHandler = errorHandler;
        this.observations = observations;
    }

    @Override
    public Message handle(InboundMessage inbound) {
        boolean replies = InboundMessage.replies(inbound.socketType());
        org.springframework.messaging.Message<byte[]> request = toSpringMessage(inbound);
        Observation observation = ZmqObservations.listener(
                observations, listenerId, inbound.socketType().name());
        observation.start();
        try (Observation.Scope scope = observation.openScope()) {
            try {
                Object result = handlerMethod.invoke(request);
                Message reply = replies ? converter.toFrames(result) : null;
                observation.lowCardinalityKeyValue(ZmqObservations.OUTCOME, ZmqObservations.SUCCESS);
                return reply;
            } catch (Throwable e) {
                // Errors too (an AssertionError, a class that fails to initialise): the request still gets its
                // one reply, and the listener thread lives on.
                observation.lowCardinalityKeyValue(ZmqObservations.OUTCOME, ZmqObservations.ERROR);
                observation.error(e);
                Message reply = handleError(request, e, inbound.socketType());
                return replies ? reply : null;
            }
        } finally {
            observation.stop();
        }
    }

    private Message handleError(
            org.springframework.messaging.Message<byte[]> request, Throwable failure, SocketType socketType) {
        ListenerExecutionFailedException wrapped = new ListenerExecutionFailedException(listenerId, failure);
        try {
            return converter.toFrames(errorHandler.handleError(request, wrapped));
        } catch (Throwable second) {
            LOG.error(
                    "zmq listener '" + listenerId + "': the error handler failed too; "
                            + InboundMessage.afterFailure(socketType),
                    second);
            return ZmqErrorReplies.of(failure);
        }
    }

    private org.springframework.messaging.Message<byte[]> toSpringMessage(InboundMessage inbound) {
        List<byte[]> frames = new ArrayList<>(inbound.body().size());
        inbound.body().forEach(frames::add);
        MessageBuilder<byte[]> builder = MessageBuilder.withPayload(inbound.payload())
                .setHeader(ZmqHeaders.FRAMES, frames)
                .setHeader(ZmqHeaders.FRAME_COUNT, frames.size())
                .setHeader(ZmqHeaders.RAW_MESSAGE, inbound.body())
                .setHeader(ZmqHeaders.LISTENER_ID, listenerId)
                .setHeader(ZmqHeaders.SOCKET_TYPE, inbound.socketType().name());
        if (inbound.routingId() != null) {
            builder.setHeader(ZmqHeaders.ROUTING_ID, inbound.routingId());
        }
        if (inbound.topic() != null) {
            builder.setHeader(ZmqHeaders.TOPIC, inbound.topic());
        }
        return builder.build();
    }
}
