package dev.zmq4j.spring.event;

import dev.zmq4j.spring.listener.ZmqListenerContainer;

/** Published once a paused container asked to {@link ZmqListenerContainer#resume() resume} reads its socket again. */
public class ZmqListenerContainerResumedEvent extends ZmqListenerContainerEvent {

    public ZmqListenerContainerResumedEvent(ZmqListenerContainer container) {
        super(container);
    }
}
