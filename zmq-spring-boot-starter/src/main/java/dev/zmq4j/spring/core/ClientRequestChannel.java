package dev.zmq4j.spring.core;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.ZmqException;
import dev.zmq4j.spring.metrics.SocketMeters;
import dev.zmq4j.spring.metrics.ZmqMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The channel of a CLIENT: <b>one request in flight at a time</b>, in the order they were made, on one thread
 * ({@code zmq4j-template-<name>}) that sends each request and waits for its reply.
 *
 * <p>Why not many in flight, as a DEALER template does? A CLIENT message is one frame, so there is no envelope to
 * carry a request id that any SERVER echoes back; an id inside the body would be seen by every SERVER handler that
 * is not the starter's own (libzmq, pyzmq, a plain zmq4j SERVER), which would then answer the wrong thing. With one
 * request in flight, the next reply is that request's, from any SERVER. The one way a reply can be taken for the
 * wrong request is a late one, arriving after its request timed out: so after a request that was sent and timed out,
 * the socket is closed and replaced by a new one (the Lazy Pirate pattern of the ZeroMQ guide), and the late reply
 * goes to the closed socket. That is why a CLIENT template only connects: a replacement could not keep a bound
 * port. For requests that overlap, use a DEALER template against a REP or ROUTER listener, or several CLIENT
 * templates.
 *
 * <p>A request that cannot be sent (no SERVER connected, or all at their high-water mark) waits for room up to its
 * timeout, and is then dropped without being sent, so the socket is kept. Closing lets the queued requests finish
 * within the shutdown timeout and fails the rest.
 *
 * <p>Thread rules: {@link #request} and {@link #connectLater} from any thread; the socket is sent on, received on,
 * replaced and closed by the channel's thread only (it is thread-safe, but one user keeps the one-in-flight rule).
 */
final class ClientRequestChannel implements TemplateChannel, Runnable {
    private static final Log LOG = LogFactory.getLog(ClientRequestChannel.class);

    /** What the channel's thread takes, in order. */
    private sealed interface Work {}

    private record Request(Message body, long deadline, CompletableFuture<Message> reply) implements Work {}

    private record Connect(String endpoint) implements Work {}

    private record Stop() implements Work {}

    private final String name;
    private final SocketMeters meters;
    private final Duration shutdownTimeout;
    /** Opens a replacement socket connected to the declared endpoints plus those given; on the channel's thread. */
    private final Function<List<String>, Socket> reopen;

    private final LinkedBlockingQueue<Work> work = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;
    /** Channel thread only. */
    private Socket socket;
    /** Endpoints connected later ({@link #connectLater}), for a replacement socket; channel thread only. */
    private final List<String> laterEndpoints = new ArrayList<>();

    /** Takes over {@code socket} (connected, used by no one else) and starts the channel's thread. */
    ClientRequestChannel(
            String name,
            Socket socket,
            Function<List<String>, Socket> reopen,
            SocketMeters meters,
            Duration shutdownTimeout) {
        this.name = name;
        this.socket = socket;
        this.reopen = reopen;
        this.meters = meters;
        this.shutdownTimeout = shutdownTimeout;
        this.thread = new Thread(this, "zmq4j-template-" + name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Override
    public CompletableFuture<Void> send(Message frames) {
        throw new IllegalStateException("a CLIENT template only does request-reply");
    }

    @Override
    public CompletableFuture<Message> request(Message body, Duration timeout) {
        CompletableFuture<Message> reply = new CompletableFuture<>();
        if (body.size() != 1) {
            reply.completeExceptionally(new ZmqTemplateException("socket '" + name
                    + "' is a CLIENT socket, which sends one frame per message; this request has " + body.size()));
            return reply;
        }
        submit(new Request(body, System.nanoTime() + timeout.toNanos(), reply));
        return reply;
    }

    @Override
    public void connectLater(String endpoint) {
        submit(new Connect(endpoint));
    }

    private void submit(Work item) {
        work.add(item);
        // Closed, or closed meanwhile: the thread may have drained the queue already; fail what is left here.
        if (closed) {
            failQueued();
        }
    }

    @Override
    public void run() {
        try {
            serve();
        } catch (ZmqException e) {
            if (e.code() != ErrorCode.ETERM) {
                LOG.error("zmq template '" + name + "' socket thread failed", e);
            }
        } catch (RuntimeException e) {
            LOG.error("zmq template '" + name + "' socket thread failed", e);
        } finally {
            closed = true;
            failQueued();
            if (socket != null) {
                socket.close();
            }
        }
    }

    private void serve() {
        long stopDeadline = 0;
        while (true) {
            Work next;
            if (stopDeadline == 0) {
                next = take();
            } else {
                next = work.poll();
                if (next == null || System.nanoTime() - stopDeadline > 0) {
                    return;
                }
            }
            if (next instanceof Request request) {
                exchange(request, stopDeadline);
            } else if (next instanceof Connect connect) {
                connect(connect.endpoint());
            } else if (stopDeadline == 0) {
                stopDeadline = System.nanoTime() + Math.max(1, shutdownTimeout.toNanos());
            }
        }
    }

    private Work take() {
        try {
            return work.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Stop();
        }
    }

    /** Sends the request and waits for its reply, up to its deadline (and the stop's, when stopping). */
    private void exchange(Request request, long stopDeadline) {
        if (request.reply().isDone()) {
            return; // timed out or cancelled while queued
        }
        long deadline = stopDeadline == 0 || request.deadline() - stopDeadline < 0 ? request.deadline() : stopDeadline;
        socket.set(SocketOption.SNDTIMEO, millisLeft(deadline));
        if (!socket.send(request.body())) {
            return; // never sent, so no reply can come late: the socket is kept; the timeout fails the future
        }
        meters.sent(ZmqMetrics.sizeOf(request.body()));
        socket.set(SocketOption.RCVTIMEO, millisLeft(deadline));
        Message reply = socket.recvMessage();
        if (reply != null) {
            meters.received(ZmqMetrics.sizeOf(reply));
            request.reply().complete(reply);
            return;
        }
        if (deadline != request.deadline()) {
            request.reply()
                    .completeExceptionally(
                            new ZmqTemplateException("the template '" + name + "' closed before the reply arrived"));
        } // else the template's own timeout fails the future, as a ZmqRequestTimeoutException
        // Sent and unanswered: its reply may still come, and must not be taken for the next request's.
        replaceSocket();
    }

    private void replaceSocket() {
        LOG.debug("zmq template '" + name + "' replaces its CLIENT socket after a request that was not answered");
        socket.close();
        socket = null;
        socket = reopen.apply(List.copyOf(laterEndpoints));
    }

    /** A connect refused here has no caller to tell: it is logged, and requests time out as with no peer. */
    private void connect(String endpoint) {
        laterEndpoints.add(endpoint);
        try {
            socket.connect(endpoint);
        } catch (ZmqException e) {
            if (e.code() == ErrorCode.ETERM) {
                throw e;
            }
            LOG.error("zmq template '" + name + "' cannot connect " + endpoint, e);
        }
    }

    /** At least 1 ms: 0 would mean "do not wait" and -1 "for ever". */
    private static int millisLeft(long deadline) {
        return (int)
                Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }

    private void failQueued() {
        Work item;
        while ((item = work.poll()) != null) {
            if (item instanceof Request request) {
                request.reply()
                        .completeExceptionally(new ZmqTemplateException("the template '" + name + "' is closed"));
            }
        }
    }

    @Override
    public void close() {
        if (thread.isAlive()) {
            submit(new Stop());
            try {
                thread.join(shutdownTimeout.toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closed = true;
        failQueued();
    }
}
