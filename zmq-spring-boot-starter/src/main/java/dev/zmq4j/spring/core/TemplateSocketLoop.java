package dev.zmq4j.spring.core;

import dev.zmq4j.Context;
import dev.zmq4j.ErrorCode;
import dev.zmq4j.Message;
import dev.zmq4j.Poller;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.ZmqException;
import dev.zmq4j.spring.metrics.SocketMeters;
import dev.zmq4j.spring.metrics.ZmqMetrics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The one thread that owns a template's socket. Callers put {@link TemplateCommand}s on a lock-free queue and wake
 * the owner's {@link Poller} ({@link Poller#wakeup()}), only when the flag says it may not have seen the queue yet,
 * so a burst of calls costs one wake-up. The owner waits on the socket with that poller (no busy waiting): it sends
 * what callers queued (keeping a backlog while the socket cannot take more, watched with POLLOUT), and matches
 * replies to pending requests by the request id in their envelope.
 *
 * <p>Thread rules: {@link #submit} and {@link #requestStop} from any thread; everything else on the owner thread.
 * The pending map is concurrent because a request that times out removes itself from the caller side.
 */
final class TemplateSocketLoop implements Runnable {
    private static final Log LOG = LogFactory.getLog(TemplateSocketLoop.class);

    private final String name;
    private final Context context;
    private final Socket socket;
    /** Made here, used by the owner thread (started after this constructor); {@code wakeup} from any thread. */
    private final Poller poller;

    private final boolean correlates;
    private final SocketMeters meters;
    private final Duration shutdownTimeout;
    private final Queue<TemplateCommand> commands = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean woken = new AtomicBoolean();
    private final Map<Long, CompletableFuture<Message>> pending = new ConcurrentHashMap<>();
    private final ArrayDeque<TemplateCommand.Outgoing> backlog = new ArrayDeque<>();
    private volatile boolean closed;
    private boolean stopping;

    /**
     * @param correlates whether replies come back on the socket (a DEALER doing request-reply)
     */
    TemplateSocketLoop(
            String name,
            Context context,
            Socket socket,
            boolean correlates,
            SocketMeters meters,
            Duration shutdownTimeout) {
        this.name = name;
        this.context = context;
        this.socket = socket;
        this.poller = context.poller();
        this.correlates = correlates;
        this.meters = meters;
        this.shutdownTimeout = shutdownTimeout;
    }

    /** Registers the future of request {@code id} so its reply (or its timeout) can find it. */
    void expectReply(long id, CompletableFuture<Message> reply) {
        pending.put(id, reply);
        reply.whenComplete((message, error) -> pending.remove(id));
    }

    /** Queues a command for the owner thread; any thread. */
    void submit(TemplateCommand command) {
        if (closed) {
            fail(command, "the template '" + name + "' is closed");
            return;
        }
        commands.add(command);
        if (closed) {
            failQueued();
            return;
        }
        wake();
    }

    void requestStop() {
        submit(new TemplateCommand.Stop());
    }

    private void wake() {
        // Only the caller that flips the flag wakes the owner; the owner clears it before it drains the queue, so a
        // command added after the drain started finds the flag clear and wakes it again.
        if (woken.compareAndSet(false, true)) {
            poller.wakeup();
        }
    }

    @Override
    public void run() {
        try (poller) {
            loop();
        } catch (ZmqException e) {
            if (e.code() != ErrorCode.ETERM) {
                LOG.error("zmq template '" + name + "' socket thread failed", e);
            }
        } finally {
            closed = true;
            failQueued();
            for (TemplateCommand.Outgoing command : backlog) {
                command.fail("the template '" + name + "' closed before the message was sent");
            }
            pending.values()
                    .forEach(f -> f.completeExceptionally(
                            new ZmqTemplateException("the template '" + name + "' closed before the reply arrived")));
            socket.close();
        }
    }

    private void loop() {
        // The owner must never block in a send (replies and new requests would wait): a send that finds no room
        // fails at once and the message stays in the backlog until POLLOUT.
        socket.set(SocketOption.SNDTIMEO, 0);
        // Registered for no events while there is nothing to send or receive: the poll then waits for a wake-up only.
        int socketIndex = poller.register(socket, 0);
        long stopDeadline = 0;
        while (true) {
            // Requests that timed out while waiting for room are dropped here, so a dead entry neither keeps us
            // watching POLLOUT nor holds up a stop.
            backlog.removeIf(command -> command.future().isDone());
            int events = (correlates ? Poller.POLLIN : 0) | (backlog.isEmpty() ? 0 : Poller.POLLOUT);
            poller.register(socket, events);
            long timeout = -1;
            if (stopping) {
                long left = (stopDeadline - System.nanoTime()) / 1_000_000;
                if ((pending.isEmpty() && backlog.isEmpty()) || left <= 0) {
                    return;
                }
                timeout = left;
            }
            poller.poll(timeout);
            woken.set(false);
            TemplateCommand command;
            while ((command = commands.poll()) != null) {
                if (command instanceof TemplateCommand.Outgoing outgoing) {
                    backlog.add(outgoing);
                } else if (command instanceof TemplateCommand.Connect connect) {
                    connect(connect.endpoint());
                } else if (!stopping) {
                    stopping = true;
                    stopDeadline = System.nanoTime() + shutdownTimeout.toNanos();
                }
            }
            flushBacklog();
            if (correlates && poller.isReadable(socketIndex)) {
                receiveReplies();
            }
        }
    }

    /** A connect refused here has no caller to tell: it is logged, and requests time out as with no peer. */
    private void connect(String endpoint) {
        try {
            socket.connect(endpoint);
        } catch (ZmqException e) {
            if (e.code() == ErrorCode.ETERM) {
                throw e;
            }
            LOG.error("zmq template '" + name + "' cannot connect " + endpoint, e);
        }
    }

    private void flushBacklog() {
        TemplateCommand.Outgoing next;
        while ((next = backlog.peek()) != null) {
            if (next.future().isDone()) {
                backlog.poll(); // timed out or cancelled before it could be sent
                continue;
            }
            if ((socket.get(SocketOption.EVENTS) & Poller.POLLOUT) == 0) {
                return; // the socket is full or has no peer yet; POLLOUT wakes us when it can take more
            }
            if (!socket.send(next.frames())) {
                return; // the peer went away between the check and the send; POLLOUT tells when to try again
            }
            backlog.poll();
            meters.sent(ZmqMetrics.sizeOf(next.frames()));
            next.taken();
        }
    }

    private void receiveReplies() {
        Message reply;
        while ((reply = socket.recvMessage(Socket.DONTWAIT)) != null) {
            meters.received(ZmqMetrics.sizeOf(reply));
            if (reply.size() < 2 || reply.get(0).length != Long.BYTES || reply.get(1).length != 0) {
                LOG.debug("zmq template '" + name + "' dropped a reply without a request-id envelope");
                continue;
            }
            CompletableFuture<Message> future =
                    pending.remove(ByteBuffer.wrap(reply.get(0)).getLong());
            if (future != null) {
                byte[][] body = new byte[reply.size() - 2][];
                for (int i = 0; i < body.length; i++) {
                    body[i] = reply.get(i + 2);
                }
                future.complete(Message.of(body));
            }
        }
    }

    private void failQueued() {
        TemplateCommand command;
        while ((command = commands.poll()) != null) {
            fail(command, "the template '" + name + "' is closed");
        }
    }

    private static void fail(TemplateCommand command, String reason) {
        if (command instanceof TemplateCommand.Outgoing outgoing) {
            outgoing.fail(reason);
        }
    }

    /** Called by the closer once the owner thread has ended (or never ran): later submits fail at once. */
    void markClosed() {
        closed = true;
    }
}
