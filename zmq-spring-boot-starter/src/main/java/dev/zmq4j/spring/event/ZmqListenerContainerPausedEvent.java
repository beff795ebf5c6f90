package dev.zmq4j.spring.event;

import dev.zmq4j.spring.listener.ZmqListenerContainer;

/**
 * Published once a container asked to {@link ZmqListenerContainer#pause() pause} has stopped reading its socket:
 * from now until it resumes, no message is taken from the socket (replies to requests already in hand are still
 * sent). Also published when a container started with a pause pending comes up paused.
 */
public class ZmqListenerContainerPausedEvent extends ZmqListenerContainerEvent {

    public ZmqListenerContainerPausedEvent(ZmqListenerContainer container) {
        super(container);
    }
}
