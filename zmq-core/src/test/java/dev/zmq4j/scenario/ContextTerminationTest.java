package dev.zmq4j.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.zmq4j.Context;
import dev.zmq4j.ErrorCode;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.interop.ZmqTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Closing a context is the one call that must always come back: with sockets still open, messages still queued
 * and threads blocked in them. Afterwards the engine's threads ({@code zmq4j-io-N}, {@code zmq4j-reaper}) are gone
 * and every use of the context or its sockets fails with ETERM.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ContextTerminationTest {
    private static final Duration CLOSE_LIMIT = Duration.ofSeconds(5);

    private final List<Context> contexts = new ArrayList<>();

    /** Closes what a failed test left open, so its threads do not outlive it (close is idempotent). */
    @AfterEach
    void closeContexts() {
        for (Context context : contexts) {
            ZmqTestSupport.runBounded("Context.close() after the test", CLOSE_LIMIT, context::close);
        }
    }

    private Context newContext() {
        Context context = Context.create();
        contexts.add(context);
        return context;
    }

    @Test
    void shouldCloseWithOpenSocketsAndQueuedMessagesAndStopItsThreads() {
        Set<Thread> threadsBefore = ZmqTestSupport.zmq4jThreads(); // left by other tests, not ours to judge
        Context context = newContext();

        Socket push = linger0(context.socket(SocketType.PUSH));
        push.set(SocketOption.SNDHWM, 2000);
        push.connect("tcp://127.0.0.1:" + ZmqTestSupport.freeTcpPort()); // nobody listens there
        for (int i = 0; i < 1000; i++) {
            assertThat(push.send(new byte[] {(byte) i}, Socket.DONTWAIT))
                    .as("queued message %d", i)
                    .isTrue();
        }

        Socket pull = linger0(context.socket(SocketType.PULL));
        pull.bind("tcp://127.0.0.1:*");

        Socket rep = linger0(context.socket(SocketType.REP));
        rep.set(SocketOption.RCVTIMEO, 10_000);
        rep.bind("tcp://127.0.0.1:*");
        Socket req = linger0(context.socket(SocketType.REQ));
        req.connect(rep.lastEndpoint());
        assertThat(req.send("a request never answered")).isTrue();
        assertThat(rep.recvString())
                .as("the REP got the request: REQ and REP are mid-request")
                .isEqualTo("a request never answered");

        Set<Thread> started = new HashSet<>(ZmqTestSupport.zmq4jThreads());
        started.removeAll(threadsBefore);
        assertThat(started)
                .as("threads named zmq4j-... started by the context (zmq4j-io-N, zmq4j-reaper)")
                .isNotEmpty();

        ZmqTestSupport.runBounded("Context.close() with open sockets and queued messages", CLOSE_LIMIT, context::close);

        Set<Thread> leftover = new HashSet<>(ZmqTestSupport.zmq4jThreads());
        leftover.removeAll(threadsBefore);
        assertThat(leftover)
                .as("zmq4j threads still alive after Context.close() returned:\n%s", ZmqTestSupport.describe(leftover))
                .isEmpty();

        assertEterm("PUSH.send after close", () -> push.send(new byte[] {1}, Socket.DONTWAIT));
        assertEterm("PULL.recv after close", () -> pull.recv(Socket.DONTWAIT));
        assertEterm("REQ.recv after close", () -> req.recv(Socket.DONTWAIT));
        assertEterm("REP.send after close", () -> rep.send("late reply"));
        assertEterm("Context.socket after close", () -> context.socket(SocketType.PUSH));

        ZmqTestSupport.runBounded("a second Context.close()", CLOSE_LIMIT, context::close); // idempotent
    }

    @Test
    void shouldWakeThreadBlockedInRecvWithEtermWhenContextCloses() {
        Context context = newContext();
        Socket pull = linger0(context.socket(SocketType.PULL));
        pull.bind("tcp://127.0.0.1:*"); // no RCVTIMEO: recv() blocks until the context goes

        expectEtermInBlockedCall("recv()", context, () -> pull.recv());
    }

    @Test
    void shouldWakeThreadBlockedInSendWithEtermWhenContextCloses() {
        Context context = newContext();
        Socket push = linger0(context.socket(SocketType.PUSH));
        push.set(SocketOption.SNDHWM, 1);
        push.connect("tcp://127.0.0.1:" + ZmqTestSupport.freeTcpPort()); // nobody listens there
        int queued = 0;
        while (push.send(new byte[] {2}, Socket.DONTWAIT)) {
            if (++queued > 100_000) {
                throw new AssertionError("a PUSH with SNDHWM 1 and no peer still accepted " + queued + " messages");
            }
        }
        // no SNDTIMEO: send() now blocks until the context goes
        expectEtermInBlockedCall("send()", context, () -> push.send(new byte[] {3}));
    }

    private static void expectEtermInBlockedCall(String call, Context context, Supplier<Object> blockingCall) {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread caller = new Thread(
                () -> {
                    try {
                        Object result = blockingCall.get();
                        outcome.complete(
                                new AssertionError(call + " returned " + result + " instead of throwing ETERM"));
                    } catch (Throwable thrown) {
                        outcome.complete(thrown);
                    }
                },
                "test-blocked-" + call);
        caller.setDaemon(true);
        caller.start();
        awaitBlocked(caller, Duration.ofSeconds(2));

        ZmqTestSupport.runBounded("Context.close() while a thread is blocked in " + call, CLOSE_LIMIT, context::close);

        Throwable thrown;
        try {
            thrown = outcome.get(CLOSE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the thread blocked in " + call + " was not woken by Context.close(); it is in:\n"
                    + ZmqTestSupport.describe(Set.of(caller)));
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
        assertThat(thrown).as("what the blocked %s ended with", call).isInstanceOf(ZmqException.class);
        assertThat(((ZmqException) thrown).code())
                .as("error code of %s", thrown.getMessage())
                .isEqualTo(ErrorCode.ETERM);
    }

    /**
     * Waits (bounded, without sleeping) until {@code thread} looks blocked: parked, waiting, or inside a
     * selector or poll call. Whether or not that is seen, the outcome checked afterwards must be ETERM; this
     * only makes it likely that the blocked path, not the already-closed path, is the one exercised.
     */
    private static void awaitBlocked(Thread thread, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline && thread.isAlive()) {
            Thread.State state = thread.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.BLOCKED) {
                return;
            }
            for (StackTraceElement frame : thread.getStackTrace()) {
                String method = frame.getMethodName();
                if (frame.getClassName().startsWith("sun.nio.ch.")
                        && (method.contains("poll") || method.contains("select") || method.contains("Wait"))) {
                    return;
                }
            }
            Thread.onSpinWait();
        }
    }

    private static void assertEterm(String what, Runnable call) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).as(what).isInstanceOf(ZmqException.class);
        assertThat(((ZmqException) thrown).code())
                .as("%s: %s", what, thrown.getMessage())
                .isEqualTo(ErrorCode.ETERM);
    }

    private static Socket linger0(Socket socket) {
        socket.set(SocketOption.LINGER, 0);
        return socket;
    }
}
