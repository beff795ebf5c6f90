package dev.zmq4j.spring.event;

import dev.zmq4j.spring.listener.ZmqListenerContainer;
import org.springframework.context.ApplicationEvent;

/**
 * An event about one listener container; the source is the container. Published on the container's own thread,
 * so an event listener runs between two reads of the socket and should be quick. Immutable.
 */
public abstract class ZmqListenerContainerEvent extends ApplicationEvent {
    private final String listenerId;

    protected ZmqListenerContainerEvent(ZmqListenerContainer container) {
        super(container);
        this.listenerId = container.getListenerId();
    }

    public ZmqListenerContainer getContainer() {
        return (ZmqListenerContainer) getSource();
    }

    /** The {@code @ZmqListener} id. */
    public String getListenerId() {
        return listenerId;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + listenerId + "]";
    }
}
