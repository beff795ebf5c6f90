package dev.zmq4j.spring.event;

import java.util.List;
import org.springframework.context.ApplicationEvent;

/**
 * Published once a socket of the starter (a {@code ZmqTemplate}'s or a listener's) has done all its binds, with
 * the endpoints as resolved: {@code tcp://*:*} comes back as e.g. {@code tcp://0.0.0.0:41234}. A listener that is
 * stopped and started again binds again and publishes a new event (an ephemeral port may differ). The same endpoints
 * are in the Environment as {@code local.zmq.<socket>.endpoint}. Immutable.
 */
public class ZmqSocketBoundEvent extends ApplicationEvent {
    private final String socketName;
    private final List<String> endpoints;

    public ZmqSocketBoundEvent(Object source, String socketName, List<String> endpoints) {
        super(source);
        this.socketName = socketName;
        this.endpoints = List.copyOf(endpoints);
    }

    /** The {@code zmq.sockets} key, or the listener id of a listener whose socket is declared inline. */
    public String getSocketName() {
        return socketName;
    }

    /** Every bound endpoint as resolved, in the order of the declaration. */
    public List<String> getEndpoints() {
        return endpoints;
    }

    @Override
    public String toString() {
        return "ZmqSocketBoundEvent[" + socketName + " " + endpoints + "]";
    }
}
