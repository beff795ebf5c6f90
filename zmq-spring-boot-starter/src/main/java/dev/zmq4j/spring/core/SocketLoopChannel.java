package dev.zmq4j.spring.core;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.spring.metrics.SocketMeters;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The channel of a classic (single-threaded) socket: the socket lives on a {@link TemplateSocketLoop} thread and
 * callers queue commands for it. A request goes out as {@code [request id][empty][body]}, which a REP or ROUTER
 * server echoes in front of its reply, so many requests are in flight at once. Thread-safe.
 */
final class SocketLoopChannel implements TemplateChannel {
    private static final byte[] EMPTY = new byte[0];

    private final TemplateSocketLoop loop;
    private final Thread thread;
    private final Duration shutdownTimeout;
    /**
     * Starts at a random value: a reply still travelling to an earlier template that had the same routing id (the
     * application restarted) must not match a request of this one.
     */
    private final AtomicLong requestIds = new AtomicLong(new SecureRandom().nextLong());

    /** Takes over {@code socket} and starts its thread; {@code correlates}: replies come back on the socket. */
    SocketLoopChannel(
            String name,
            Context context,
            Socket socket,
            boolean correlates,
            SocketMeters meters,
            Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
        this.loop = new TemplateSocketLoop(name, context, socket, correlates, meters, shutdownTimeout);
        this.thread = new Thread(loop, "zmq4j-template-" + name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Override
    public CompletableFuture<Void> send(Message frames) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        loop.submit(new TemplateCommand.Send(frames, sent));
        return sent;
    }

    @Override
    public CompletableFuture<Message> request(Message body, Duration timeout) {
        long id = requestIds.incrementAndGet();
        byte[][] frames = new byte[body.size() + 2][];
        frames[0] = ByteBuffer.allocate(Long.BYTES).putLong(id).array();
        frames[1] = EMPTY;
        for (int i = 0; i < body.size(); i++) {
            frames[i + 2] = body.get(i);
        }
        CompletableFuture<Message> reply = new CompletableFuture<>();
        loop.expectReply(id, reply);
        loop.submit(new TemplateCommand.Request(Message.of(frames), reply));
        return reply;
    }

    @Override
    public void connectLater(String endpoint) {
        loop.submit(new TemplateCommand.Connect(endpoint));
    }

    @Override
    public void close() {
        if (!thread.isAlive()) {
            loop.markClosed();
            return;
        }
        loop.requestStop();
        try {
            thread.join(shutdownTimeout.toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loop.markClosed();
    }
}
