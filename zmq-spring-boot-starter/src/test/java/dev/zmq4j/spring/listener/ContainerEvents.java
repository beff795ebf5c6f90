package dev.zmq4j.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.spring.event.ZmqListenerContainerEvent;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.context.event.EventListener;

/** A test bean that collects the listener containers' paused and resumed events, in order. */
class ContainerEvents {
    private final BlockingQueue<ZmqListenerContainerEvent> received = new LinkedBlockingQueue<>();

    @EventListener
    void on(ZmqListenerContainerEvent event) {
        received.add(event);
    }

    /** The next event is of {@code type}, from the listener {@code listenerId}; waits up to 10 s for it. */
    void expect(Class<? extends ZmqListenerContainerEvent> type, String listenerId) throws InterruptedException {
        ZmqListenerContainerEvent event = received.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("a " + type.getSimpleName()).isInstanceOf(type);
        assertThat(event.getListenerId()).isEqualTo(listenerId);
        assertThat(event.getContainer().getListenerId()).isEqualTo(listenerId);
    }
}
