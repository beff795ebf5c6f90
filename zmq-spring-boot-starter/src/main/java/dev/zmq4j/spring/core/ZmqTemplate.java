package dev.zmq4j.spring.core;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.spring.config.SocketPropertiesValidator;
import dev.zmq4j.spring.metrics.SocketMeters;
import dev.zmq4j.spring.metrics.ZmqObservations;
import dev.zmq4j.spring.support.PayloadConverter;
import dev.zmq4j.spring.support.ZmqErrorReplies;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.ParameterizedTypeReference;

/**
 * Sends through one declared socket, from any number of threads: a classic socket belongs to a single
 * {@link TemplateSocketLoop} thread and callers only queue work for it; a thread-safe SCATTER or RADIO is called from
 * the caller's thread; a CLIENT has one request in flight at a time ({@link ClientRequestChannel} says why).
 *
 * <ul>
 * <li>PUSH, PAIR, DEALER: {@link #send(Object)}. PUB/XPUB: {@link #send(String, Object)} (topic frame, body
 * frame) or {@link #send(Object)} (the body starts with the topic).</li>
 * <li>DEALER (or a declared REQ, served by a DEALER): {@link #request} and {@link #requestAsync}. Many requests are
 * in flight at once over the one socket: each is sent as {@code [request id][empty][body]}, which a REP server
 * (libzmq or zmq4j) or a ROUTER server echoes back in front of its reply, so the reply finds its caller.</li>
 * <li>SCATTER: {@link #send(Object)}, one frame, sent from the calling thread (which waits while no GATHER can take
 * it, up to the socket's send-timeout); the future returned is complete.</li>
 * <li>RADIO: {@link #send(String, Object)}, one frame to a group, sent from the calling thread, which never waits (a
 * RADIO drops what no DISH joined); the future returned is complete. {@link #send(Object)} is refused.</li>
 * <li>CLIENT: {@link #request} and {@link #requestAsync}, one frame each way, one request in flight at a time, queued
 * in order; a request that times out after it was sent makes the template replace its socket.</li>
 * </ul>
 *
 * Payloads are converted by the {@link PayloadConverter}: {@code byte[]}, {@code String} (UTF-8), a
 * {@code dev.zmq4j.Message} (its frames as they are), other objects through the message converter (JSON with
 * Jackson). A {@code zmq4j-error} reply raises {@link ZmqRemoteException}. Thread-safe.
 */
public class ZmqTemplate implements DisposableBean, AutoCloseable {

    private final String name;
    private final SocketType type;
    private final PayloadConverter converter;
    private final ObservationRegistry observations;
    private final SocketMeters meters;
    private final Duration requestTimeout;
    private final List<String> boundEndpoints;
    private final TemplateChannel channel;

    /**
     * Takes over {@code socket} (configured, bound/connected, not used by anyone else) and starts its thread.
     *
     * @param declaredType the declared type; REQ is served by a DEALER {@code socket}
     */
    public ZmqTemplate(
            String name,
            SocketType declaredType,
            Context context,
            Socket socket,
            List<String> boundEndpoints,
            PayloadConverter converter,
            ObservationRegistry observations,
            SocketMeters meters,
            Duration requestTimeout,
            Duration shutdownTimeout) {
        this(
                name,
                declaredType,
                boundEndpoints,
                converter,
                observations,
                meters,
                requestTimeout,
                new SocketLoopChannel(name, context, socket, isRequestReply(declaredType), meters, shutdownTimeout));
    }

    /** A template whose socket is reached through {@code channel} (built by {@link ZmqTemplateFactory}). */
    ZmqTemplate(
            String name,
            SocketType declaredType,
            List<String> boundEndpoints,
            PayloadConverter converter,
            ObservationRegistry observations,
            SocketMeters meters,
            Duration requestTimeout,
            TemplateChannel channel) {
        this.name = name;
        this.type = declaredType;
        this.converter = converter;
        this.observations = observations;
        this.meters = meters;
        this.requestTimeout = requestTimeout;
        this.boundEndpoints = List.copyOf(boundEndpoints);
        this.channel = channel;
    }

    public String getName() {
        return name;
    }

    public SocketType getSocketType() {
        return type;
    }

    /** The endpoints the socket bound, resolved (ephemeral ports filled in). */
    public List<String> getBoundEndpoints() {
        return boundEndpoints;
    }

    /** Sends {@code payload} as one message; completes when the socket has taken it. */
    public CompletableFuture<Void> send(Object payload) {
        if (type == SocketType.REQ || type == SocketType.CLIENT) {
            throw new ZmqTemplateException(
                    "socket '" + name + "' is a " + type + " socket: use request or requestAsync");
        }
        if (type == SocketType.RADIO) {
            throw new ZmqTemplateException("socket '" + name
                    + "' is a RADIO socket, whose every message goes to a group: use send(group, payload)");
        }
        return channel.send(converter.toFrames(payload));
    }

    /**
     * PUB/XPUB: sends {@code [topic][payload]}; subscribers match the topic frame's prefix. RADIO: sends
     * {@code payload} as one frame to the group {@code topic} (1 to 255 bytes of UTF-8), from the calling thread; DISHes
     * that joined that exact group receive it, and it is dropped when none has (the future completes all the same).
     */
    public CompletableFuture<Void> send(String topic, Object payload) {
        if (type == SocketType.RADIO) {
            String problem = SocketPropertiesValidator.groupProblem(topic);
            if (problem != null) {
                throw new ZmqTemplateException("socket '" + name + "' cannot send to that group: " + problem);
            }
            return channel.send(Message.of(converter.toBytes(payload)).group(topic));
        }
        if (type != SocketType.PUB && type != SocketType.XPUB) {
            throw new ZmqTemplateException("socket '" + name + "' is a " + type
                    + " socket; sending with a topic needs PUB or XPUB (or a group, RADIO)");
        }
        return channel.send(Message.of(topic.getBytes(StandardCharsets.UTF_8), converter.toBytes(payload)));
    }

    /** Sends a request and waits up to the socket's request timeout for the reply, converted to {@code type}. */
    public <T> T request(Object payload, Class<T> replyType) {
        return request(payload, replyType, requestTimeout);
    }

    public <T> T request(Object payload, Class<T> replyType, Duration timeout) {
        return converter.fromFrames(awaitReply(payload, timeout), replyType);
    }

    /**
     * Sends a request and waits up to the socket's request timeout for the reply, converted to a generic type:
     * {@code request(query, new ParameterizedTypeReference<List<Item>>() {})}. The type reaches the message
     * converter as its conversion hint; the JSON converter honours it (one that ignores hints returns the raw type).
     */
    public <T> T request(Object payload, ParameterizedTypeReference<T> replyType) {
        return request(payload, replyType, requestTimeout);
    }

    public <T> T request(Object payload, ParameterizedTypeReference<T> replyType, Duration timeout) {
        return converter.fromFrames(awaitReply(payload, timeout), replyType);
    }

    /** The reply, converted to {@code type}, or a {@link ZmqRequestTimeoutException} after the request timeout. */
    public <T> CompletableFuture<T> requestAsync(Object payload, Class<T> replyType) {
        return requestAsync(payload, replyType, requestTimeout);
    }

    public <T> CompletableFuture<T> requestAsync(Object payload, Class<T> replyType, Duration timeout) {
        return exchange(payload, timeout).thenApply(reply -> converter.fromFrames(reply, replyType));
    }

    /** As {@link #requestAsync(Object, Class)}, the reply converted to a generic type such as {@code List<Item>}. */
    public <T> CompletableFuture<T> requestAsync(Object payload, ParameterizedTypeReference<T> replyType) {
        return requestAsync(payload, replyType, requestTimeout);
    }

    public <T> CompletableFuture<T> requestAsync(
            Object payload, ParameterizedTypeReference<T> replyType, Duration timeout) {
        return exchange(payload, timeout).thenApply(reply -> converter.fromFrames(reply, replyType));
    }

    /** Blocks the calling thread until the reply arrives, the timeout expires, or the caller is interrupted. */
    private Message awaitReply(Object payload, Duration timeout) {
        try {
            return exchange(payload, timeout).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZmqTemplateException("interrupted while waiting for a reply on socket '" + name + "'", e);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        }
    }

    /** The raw reply frames, with timeout, error-reply and metric handling. */
    private CompletableFuture<Message> exchange(Object payload, Duration timeout) {
        if (!isRequestReply()) {
            throw new ZmqTemplateException(
                    "socket '" + name + "' is a " + type + " socket; request-reply needs DEALER, REQ or CLIENT");
        }
        Message body = converter.toFrames(payload);
        Observation observation =
                ZmqObservations.templateRequest(observations, name, type.name()).start();
        CompletableFuture<Message> reply = channel.request(body, timeout);
        reply.orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return reply.handle((message, error) -> {
            try {
                if (error != null) {
                    RuntimeException failure = translate(error, timeout);
                    observation.lowCardinalityKeyValue(
                            ZmqObservations.OUTCOME,
                            failure instanceof ZmqRequestTimeoutException
                                    ? ZmqObservations.TIMEOUT
                                    : ZmqObservations.ERROR);
                    observation.error(failure);
                    throw failure;
                }
                if (ZmqErrorReplies.isError(message)) {
                    ZmqRemoteException remote = new ZmqRemoteException(name, ZmqErrorReplies.description(message));
                    observation.lowCardinalityKeyValue(ZmqObservations.OUTCOME, ZmqObservations.ERROR);
                    observation.error(remote);
                    throw remote;
                }
                observation.lowCardinalityKeyValue(ZmqObservations.OUTCOME, ZmqObservations.SUCCESS);
                return message;
            } finally {
                observation.stop();
            }
        });
    }

    private RuntimeException translate(Throwable error, Duration timeout) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof TimeoutException) {
            meters.requestTimedOut();
            return new ZmqRequestTimeoutException("no reply on socket '" + name + "' within " + timeout);
        }
        return cause instanceof RuntimeException runtime ? runtime : new ZmqTemplateException(cause.toString(), cause);
    }

    private static RuntimeException unwrap(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof RuntimeException runtime ? runtime : new ZmqTemplateException(cause.toString(), cause);
    }

    /** Connects the socket to {@code endpoint} (from its own thread, for a classic socket); any thread. */
    void connectLater(String endpoint) {
        channel.connectLater(endpoint);
    }

    private boolean isRequestReply() {
        return isRequestReply(type);
    }

    /** Whether a template of the declared {@code type} does request-reply (and so has a request timer). */
    static boolean isRequestReply(SocketType type) {
        return type == SocketType.DEALER || type == SocketType.REQ || type == SocketType.CLIENT;
    }

    /**
     * Lets pending requests finish (up to the shutdown timeout), fails the rest, closes the socket. Idempotent.
     */
    @Override
    public void close() {
        channel.close();
    }

    @Override
    public void destroy() {
        close();
    }

    @Override
    public String toString() {
        return "ZmqTemplate[" + name + ", " + type + "]";
    }
}
