package dev.zmq4j.engine;

import dev.zmq4j.SocketEvent;
import dev.zmq4j.io.ChannelNumbers;
import java.nio.channels.Channel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link EventSink} that keeps every event raised, in order. Thread-safe. */
public final class RecordingEvents implements EventSink {
    private final List<SocketEvent> events = new CopyOnWriteArrayList<>();

    public List<SocketEvent> all() {
        return events;
    }

    public List<SocketEvent.Type> types() {
        return events.stream().map(SocketEvent::type).toList();
    }

    @Override
    public void raise(SocketEvent.Type type, int value, String endpoint) {
        events.add(new SocketEvent(type, value, endpoint));
    }

    @Override
    public void raise(SocketEvent.Type type, Channel channel, String endpoint) {
        events.add(new SocketEvent(type, ChannelNumbers.of(channel), endpoint));
    }

    @Override
    public String toString() {
        return events.toString();
    }
}
