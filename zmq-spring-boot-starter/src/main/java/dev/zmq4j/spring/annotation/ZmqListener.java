package dev.zmq4j.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.messaging.handler.annotation.MessageMapping;

/**
 * Marks a bean method as the handler of the messages a socket receives. The socket is either a declared one
 * ({@link #socket()}, a key under {@code zmq.sockets}) or described inline ({@link #type()} with {@link #bind()}
 * or {@link #connect()}); every attribute accepts {@code ${...}} placeholders.
 *
 * <p>REP and ROUTER: the return value is the reply, sent on the same socket (ROUTER replies keep the envelope);
 * a {@code void} method or a {@code null} result answers with one empty frame; a failure answers through the
 * error handler. PULL and SUB: one-way, the return value is ignored. SERVER replies like a ROUTER, to the request's
 * routing id ({@code @Header(ZmqHeaders.ROUTING_ID) int}), in one frame; GATHER is one-way like PULL; DISH is
 * one-way like SUB, receiving the groups it joins ({@link #topics()}, {@code @Header(ZmqHeaders.GROUP)}). Their sockets
 * are thread-safe: {@code concurrency} N means N threads reading the one socket, no worker pool.
 *
 * <p>A method may return a {@code CompletableFuture<T>} or {@code CompletionStage<T>}: the reply is then the
 * future's result once it completes (its failure goes to the error handler, like a thrown exception), sent from the
 * thread that owns the socket, never from the future's. Meanwhile the listener thread is not held: a ROUTER (and a
 * PULL or SUB) goes on reading; a REP, which must answer before it may read the next request, reads nothing until
 * the reply is sent, so one slow future holds up that REP's later requests (use a ROUTER, or {@code concurrency}).
 * With {@code concurrency} N each of the N workers waits for its own future, so at most N are pending. A graceful
 * stop waits for pending futures within {@code zmq.shutdown-timeout}.
 *
 * <p>Method arguments: {@code byte[]} or {@code String} (the payload, i.e. the last frame),
 * {@code dev.zmq4j.Message} (all body frames), {@code org.springframework.messaging.Message<?>}, a
 * {@code @Payload} object converted by the message converter (JSON when Jackson is present; {@code @Valid}
 * validated when a validator is present), {@code @Header} values named in
 * {@link dev.zmq4j.spring.support.ZmqHeaders} (routing id, topic, frames).
 *
 * <p>With spring-messaging's {@code @SendTo("socket")} (or {@code "socket/topic"} for a PUB or XPUB) the result also
 * goes to that declared sending socket, through its {@code ZmqTemplate}; the target is checked at startup. Other
 * spring-messaging annotations ({@code @MessageMapping}, {@code @DestinationVariable}, ...) are not honoured and fail
 * startup; {@code @Payload}, {@code @Header} and {@code @Headers} parameters are.
 *
 * <p>Meta-annotated with {@link MessageMapping}, as spring-kafka's {@code @KafkaListener} is, only for what its
 * {@code @Reflective} processor gives Spring AOT: reflection hints to invoke the method and to bind its payload and
 * return types, so listeners work in a native image. The starter reads no attribute of it. Spring's STOMP and RSocket
 * handlers map the {@code @MessageMapping} methods of {@code @Controller} beans, so with spring-websocket's message
 * broker or RSocket in the application keep {@code @ZmqListener} methods out of {@code @Controller} classes.
 *
 * <p>The method is called on a listener thread; with {@code concurrency} N it is called on N threads at once.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@MessageMapping
public @interface ZmqListener {

    /** Container id, for {@code ZmqListenerEndpointRegistry.getListenerContainer(id)}; default the socket key or
     * {@code beanName.methodName}. */
    String id() default "";

    /** A key under {@code zmq.sockets}; excludes {@link #type()}, {@link #bind()} and {@link #connect()}. */
    String socket() default "";

    /** Inline socket type: REP, ROUTER, PULL, SUB, or the thread-safe SERVER, GATHER or DISH. */
    String type() default "";

    /** Inline endpoints to bind, e.g. {@code tcp://*:${quotes.port}} or {@code tcp://127.0.0.1:*}. */
    String[] bind() default {};

    /**
     * Inline endpoints to connect to. {@code ${local.zmq.<socket>.endpoint}}, the endpoint another socket of the
     * application bound, is resolved when the listener starts, so it can name a template's ephemeral bind.
     */
    String[] connect() default {};

    /**
     * SUB: topic prefixes to subscribe to (added to the socket's subscriptions); none means everything. DISH: groups
     * to join, matched exactly (added to the socket's groups); a DISH listener must join one at least.
     */
    String[] topics() default {};

    /** Number of handler threads behind the one socket endpoint; default 1. */
    String concurrency() default "";

    /**
     * Whether the container starts with the application context; default true. Honoured on every start of the
     * endpoint registry (refresh, {@code start()} or {@code restart()} of the context, a listener on a bean created
     * later); with {@code false} only the container's own {@code start()} starts it. {@code true} or {@code false}.
     */
    String autoStartup() default "";

    /** Bean name of a {@code ZmqListenerErrorHandler}; default the context's one. */
    String errorHandler() default "";

    /** Bean name of a {@code ZmqListenerContainerFactory}; default {@code zmqListenerContainerFactory}. */
    String containerFactory() default "";
}
