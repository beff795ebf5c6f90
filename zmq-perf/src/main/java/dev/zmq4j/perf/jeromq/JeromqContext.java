package dev.zmq4j.perf.jeromq;

import dev.zmq4j.perf.PerfContext;
import dev.zmq4j.perf.PerfSocket;
import org.zeromq.SocketType;
import org.zeromq.ZContext;

/**
 * JeroMQ behind the perf tools: a {@link ZContext} with one I/O thread. ZContext closes its sockets with LINGER 0 by
 * default, which would drop what a {@code remote_thr} still has queued; libzmq's tools rely on libzmq's infinite
 * default, so this sets -1. Thread-safe.
 */
public final class JeromqContext implements PerfContext {
    private final ZContext context = new ZContext(1);

    public JeromqContext() {
        context.setLinger(-1);
    }

    @Override
    public PerfSocket socket(Role role) {
        return new JeromqSocket(context, context.createSocket(SocketType.valueOf(role.name())));
    }

    @Override
    public void close() {
        context.close();
    }
}
