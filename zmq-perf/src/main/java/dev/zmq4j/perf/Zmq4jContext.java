package dev.zmq4j.perf;

import dev.zmq4j.Context;
import dev.zmq4j.SocketType;

/** zmq4j behind the perf tools: one I/O thread, as libzmq's tools ask of {@code zmq_init (1)}. Thread-safe. */
public final class Zmq4jContext implements PerfContext {
    private final Context context = Context.create(1);

    @Override
    public PerfSocket socket(Role role) {
        return new Zmq4jSocket(context.socket(SocketType.valueOf(role.name())));
    }

    @Override
    public void close() {
        context.close();
    }
}
