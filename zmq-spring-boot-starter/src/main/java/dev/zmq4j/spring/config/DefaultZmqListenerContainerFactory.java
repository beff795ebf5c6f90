package dev.zmq4j.spring.config;

import dev.zmq4j.SocketType;
import dev.zmq4j.spring.core.ZmqTemplate;
import dev.zmq4j.spring.listener.RequestDispatcher;
import dev.zmq4j.spring.listener.SharedSocketListenerContainer;
import dev.zmq4j.spring.listener.SocketListenerContainer;
import dev.zmq4j.spring.listener.ThreadedListenerContainer;
import dev.zmq4j.spring.listener.WorkerPoolListenerContainer;
import dev.zmq4j.spring.listener.ZmqListenerContainer;
import dev.zmq4j.spring.listener.ZmqListenerErrorHandler;
import dev.zmq4j.spring.listener.adapter.MessagingMessageListenerAdapter;
import dev.zmq4j.spring.listener.adapter.SendToForwarder;
import dev.zmq4j.spring.metrics.ZmqMetrics;
import dev.zmq4j.spring.support.PayloadConverter;
import dev.zmq4j.spring.support.ZmqSocketFactory;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.function.Function;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;

/**
 * The default factory: concurrency 1 gives a {@link SocketListenerContainer} (the declared socket on one thread),
 * more gives a {@link WorkerPoolListenerContainer} (a ROUTER, SUB or PULL front on one thread feeding N inproc
 * workers); a thread-safe SERVER, GATHER or DISH gets a {@link SharedSocketListenerContainer} at any concurrency (N
 * threads reading the one socket). Its containers publish their paused and resumed events through the application's event publisher,
 * which Spring hands to this factory when it is a bean. Thread-safe.
 */
public class DefaultZmqListenerContainerFactory implements ZmqListenerContainerFactory, ApplicationEventPublisherAware {
    private final ZmqSocketFactory sockets;
    private final MessageHandlerMethodFactory handlerMethodFactory;
    private final PayloadConverter converter;
    private final Function<String, ZmqListenerErrorHandler> errorHandlers;
    private final ObservationRegistry observations;
    private final ZmqMetrics metrics;
    private final Duration shutdownTimeout;
    private final Function<String, ZmqTemplate> templates;
    private volatile ApplicationEventPublisher events;

    /**
     * @param errorHandlers from an {@code errorHandler} bean name (null when the listener names none) to the error
     *     handler to use
     * @param templates from a {@code @SendTo} socket name to the {@link ZmqTemplate} of that declared socket
     */
    public DefaultZmqListenerContainerFactory(
            ZmqSocketFactory sockets,
            MessageHandlerMethodFactory handlerMethodFactory,
            PayloadConverter converter,
            Function<String, ZmqListenerErrorHandler> errorHandlers,
            ObservationRegistry observations,
            ZmqMetrics metrics,
            Duration shutdownTimeout,
            Function<String, ZmqTemplate> templates) {
        this.templates = templates;
        this.sockets = sockets;
        this.handlerMethodFactory = handlerMethodFactory;
        this.converter = converter;
        this.errorHandlers = errorHandlers;
        this.observations = observations;
        this.metrics = metrics;
        this.shutdownTimeout = shutdownTimeout;
    }

    @Override
    public void setApplicationEventPublisher(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public ZmqListenerContainer createContainer(MethodZmqListenerEndpoint endpoint) {
        ThreadedListenerContainer container = newContainer(endpoint);
        if (events != null) {
            container.setApplicationEventPublisher(events);
        }
        return container;
    }

    private ThreadedListenerContainer newContainer(MethodZmqListenerEndpoint endpoint) {
        ListenerDefinition definition = endpoint.definition();
        MessagingMessageListenerAdapter adapter = new MessagingMessageListenerAdapter(
                definition.listenerId(),
                handlerMethodFactory.createInvocableHandlerMethod(endpoint.bean(), endpoint.method()),
                converter,
                errorHandlers.apply(endpoint.errorHandlerBeanName()),
                observations,
                forwarder(endpoint));
        SocketType declared = definition.socket().getType();
        var meters = metrics.forSocket(definition.socketName(), declared);
        if (declared.isThreadSafe()) {
            metrics.registerListenerTimer(definition.listenerId(), declared);
            return new SharedSocketListenerContainer(
                    definition, sockets, new RequestDispatcher(declared, adapter, meters), shutdownTimeout);
        }
        if (definition.concurrency() <= 1) {
            metrics.registerListenerTimer(definition.listenerId(), declared);
            return new SocketListenerContainer(
                    definition, sockets, new RequestDispatcher(declared, adapter, meters), shutdownTimeout);
        }
        SocketType front = WorkerPoolListenerContainer.frontType(declared);
        metrics.registerListenerTimer(definition.listenerId(), front);
        return new WorkerPoolListenerContainer(
                definition, sockets, new RequestDispatcher(front, adapter, meters), shutdownTimeout);
    }

    /** The template of the {@code @SendTo} socket, looked up now, while the application starts. */
    private SendToForwarder forwarder(MethodZmqListenerEndpoint endpoint) {
        SendToTarget target = endpoint.sendTo();
        if (target == null) {
            return null;
        }
        return new SendToForwarder(endpoint.listenerId(), target, templates.apply(target.socketName()));
    }
}
