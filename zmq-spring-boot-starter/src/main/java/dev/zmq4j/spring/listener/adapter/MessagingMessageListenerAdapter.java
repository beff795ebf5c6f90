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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
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
 * calling thread; for a method that returns a future, the observation ends when the future completes.
 * Thread-safe (stateless per call).
 */
public final class MessagingMessageListenerAdapter implements ReceivedMessageHandler {
    private static final Log LOG = LogFactory.getLog(MessagingMessageListenerAdapter.class);

    private final String listenerId;
    private final InvocableHandlerMethod handlerMethod;
    private final PayloadConverter converter;
    private final ZmqListenerErrorHandler errorHandler;
    private final ObservationRegistry observations;
    /** Null without {@code @SendTo}. */
    private final SendToForwarder forwarder;

    public MessagingMessageListenerAdapter(
            String listenerId,
            InvocableHandlerMethod handlerMethod,
            PayloadConverter converter,
            ZmqListenerErrorHandler errorHandler,
            ObservationRegistry observations) {
        this(listenerId, handlerMethod, converter, errorHandler, observations, null);
    }

    /** @param forwarder where results also go ({@code @SendTo}), or null */
    public MessagingMessageListenerAdapter(
            String listenerId,
            InvocableHandlerMethod handlerMethod,
            PayloadConverter converter,
            ZmqListenerErrorHandler errorHandler,
            ObservationRegistry observations,
            SendToForwarder forwarder) {
        this.listenerId = listenerId;
        this.handlerMethod = handlerMethod;
        this.converter = converter;
        this.errorHandler = errorHandler;
        this.observations = observations;
        this.forwarder = forwarder;
    }

    /**
     * Invokes the method. A {@code CompletableFuture} or other {@code CompletionStage} it returns is not a reply but
     * the promise of one: the returned future completes with the converted result when that stage completes (on
     * the stage's thread), or with the error handler's reply when it fails, and the observation ends then too.
     */
    @Override
    public CompletableFuture<Message> handle(InboundMessage inbound) {
        org.springframework.messaging.Message<byte[]> request = toSpringMessage(inbound);
        Observation observation = ZmqObservations.listener(
                observations, listenerId, inbound.socketType().name());
        observation.start();
        Object result;
        try (Observation.Scope scope = observation.openScope()) {
            result = handlerMethod.invoke(request);
        } catch (Throwable e) {
            // Errors too (an AssertionError, a class that fails to initialise): the request still gets its one
            // reply, and the listener thread lives on.
            return CompletableFuture.completedFuture(failed(observation, request, e, inbound.socketType()));
        }
        if (result instanceof CompletionStage<?> stage) {
            CompletableFuture<Message> reply = new CompletableFuture<>();
            stage.whenComplete((value, failure) -> reply.complete(
                    failure == null
                            ? succeeded(observation, request, value, inbound.socketType())
                            : failed(observation, request, unwrap(failure), inbound.socketType())));
            return reply;
        }
        return CompletableFuture.completedFuture(succeeded(observation, request, result, inbound.socketType()));
    }

    /**
     * The reply to {@code result} (null for a one-way socket), the result forwarded to the {@code @SendTo} socket
     * too; a conversion failure goes to the error handler (and nothing is forwarded).
     */
    private Message succeeded(
            Observation observation,
            org.springframework.messaging.Message<byte[]> request,
            Object result,
            SocketType socketType) {
        Message reply;
        try {
            reply = InboundMessage.replies(socketType) ? converter.toFrames(result) : null;
        } catch (Throwable e) {
            return failed(observation, request, e, socketType);
        }
        if (forwarder != null) {
            forwarder.forward(result);
        }
        observation.lowCardinalityKeyValue(ZmqObservations.OUTCOME, ZmqObservations.SUCCESS);
        observation.stop();
        return reply;
    }

    private Message failed(
            Observation observation,
            org.springframework.messaging.Message<byte[]> request,
            Throwable failure,
            SocketType socketType) {
        observation.lowCardinalityKeyValue(ZmqObservations.OUTCOME, ZmqObservations.ERROR);
        observation.error(failure);
        try {
            Message reply = handleError(request, failure, socketType);
            return InboundMessage.replies(socketType) ? reply : null;
        } finally {
            observation.stop();
        }
    }

    /** A stage that failed reports its method's exception wrapped in a CompletionException; the error wants it. */
    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
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
        if (inbound.group() != null) {
            builder.setHeader(ZmqHeaders.GROUP, inbound.group());
        }
        return builder.build();
    }
}
