package dev.zmq4j.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.zmq4j.Context;
import dev.zmq4j.ErrorCode;
import dev.zmq4j.Poller;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.interop.ZmqTestSupport;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A socket is used by one thread at a time, and {@code close()} is a use: called from another thread while the owner
 * is inside a call (parked in a receive, in a send at the high-water mark, in a poll), it fails with EINVAL and
 * changes nothing. The owner's call goes on with the socket intact, and closing the context still ends it with
 * ETERM. (Issue 12 item 7: such a close used to hand the socket to the reaper, which then ran it beside the parked
 * owner, whose call never woke again, not even when the context closed.)
 *
 * <p>Each test first waits until the owner thread is parked inside the blocking call, which it can only be after
 * entering the socket; the close then races a running call whatever the scheduling.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CloseWhileInCallTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private final Context context = Context.create();

    @AfterEach
    void closeContext() {
        ZmqTestSupport.runBounded("Context.close() after the test", LIMIT, context::close);
    }

    @Test
    void shouldRefuseCloseWhileAnotherThreadIsBlockedInRecvAndLeaveTheSocketToIt() {
        Socket pull = openSocket(SocketType.PULL);
        pull.bind("inproc://blocked-recv");
        Socket push = openSocket(SocketType.PUSH);
        push.connect("inproc://blocked-recv");

        OwnerCall<String> owner = OwnerCall.start("recv", pull::recvString);
        owner.awaitParkedIn("dev.zmq4j.socket.SocketBase", "recv");

        assertCloseRefused(pull, "recv()");

        assertThat(push.send("still yours")).isTrue();
        assertThat(owner.outcome())
                .as("what the owner's recv() got after the refused close")
                .isEqualTo("still yours");

        OwnerCall<byte[]> second = OwnerCall.start("second recv", pull::recv);
        second.awaitParkedIn("dev.zmq4j.socket.SocketBase", "recv");
        assertCloseRefused(pull, "a second recv()");
        ZmqTestSupport.runBounded("Context.close() while recv() is blocked", LIMIT, context::close);
        assertThat(second.failure())
                .as("how the blocked recv() ended when the context closed")
                .satisfies(thrown -> assertCode(thrown, ErrorCode.ETERM));
    }

    @Test
    void shouldRefuseCloseWhileAnotherThreadIsBlockedInSendAtTheHighWaterMark() {
        FullPipe full = fullPipe("inproc://blocked-send");

        OwnerCall<Boolean> owner = OwnerCall.start("send", () -> full.push().send("waits for room"));
        owner.awaitParkedIn("dev.zmq4j.socket.SocketBase", "send");

        assertCloseRefused(full.push(), "send()");

        Socket pull = full.pull();
        pull.set(SocketOption.RCVTIMEO, (int) LIMIT.toMillis());
        for (int i = 0; i < full.queued(); i++) {
            assertThat(pull.recvString()).as("queued message %d", i).isEqualTo("fill " + i);
        }
        assertThat(owner.outcome())
                .as("whether the owner's send() went through once the peer made room")
                .isTrue();
        assertThat(pull.recvString()).isEqualTo("waits for room");
    }

    @Test
    void shouldEndASendBlockedAtTheHighWaterMarkWithEtermWhenTheContextClosesAfterARefusedClose() {
        FullPipe full = fullPipe("inproc://blocked-send-term");

        OwnerCall<Boolean> owner = OwnerCall.start("send", () -> full.push().send("never has room"));
        owner.awaitParkedIn("dev.zmq4j.socket.SocketBase", "send");

        assertCloseRefused(full.push(), "send()");
        ZmqTestSupport.runBounded("Context.close() while send() is blocked", LIMIT, context::close);
        assertThat(owner.failure())
                .as("how the blocked send() ended when the context closed")
                .satisfies(thrown -> assertCode(thrown, ErrorCode.ETERM));
    }

    @Test
    void shouldRefuseCloseWhileAnotherThreadIsParkedInAPollerOnTheSocket() {
        Socket pull = openSocket(SocketType.PULL);
        pull.bind("inproc://blocked-poll");
        Socket push = openSocket(SocketType.PUSH);
        push.connect("inproc://blocked-poll");

        OwnerCall<String> owner = OwnerCall.start("poll", () -> {
            try (Poller poller = context.poller()) {
                poller.register(pull, Poller.POLLIN);
                int ready = poller.poll(-1);
                String received = pull.recvString();
                pull.close(); // on its own thread, as it should be
                return ready + " ready, received " + received;
            }
        });
        owner.awaitParkedIn("dev.zmq4j.Poller", "poll");

        assertCloseRefused(pull, "Poller.poll()");

        assertThat(push.send("wake the poller")).isTrue();
        assertThat(owner.outcome())
                .as("what the owner's poll and recv got after the refused close")
                .isEqualTo("1 ready, received wake the poller");
        Throwable afterOwnerClosed = catchThrowable(() -> pull.recv(Socket.DONTWAIT));
        assertCode(afterOwnerClosed, ErrorCode.ENOTSOCK);
    }

    @Test
    void shouldCloseFromAnotherThreadWhenNoCallIsRunning() {
        Socket pull = openSocket(SocketType.PULL);
        pull.bind("inproc://idle-close");
        OwnerCall<byte[]> owner = OwnerCall.start("recv with DONTWAIT", () -> pull.recv(Socket.DONTWAIT));
        assertThat(owner.outcome()).as("nothing was sent").isNull();

        pull.close(); // the owner's call has returned: closing from this thread is a hand-over, not a race
        pull.close(); // idempotent

        OwnerCall<byte[]> late = OwnerCall.start("recv after close", () -> pull.recv(Socket.DONTWAIT));
        assertCode(late.failure(), ErrorCode.ENOTSOCK);
    }

    private Socket openSocket(SocketType type) {
        Socket socket = context.socket(type);
        socket.set(SocketOption.LINGER, 0);
        return socket;
    }

    /** A PUSH and a PULL over {@code endpoint}, the pipe between them filled to its high-water mark. */
    private record FullPipe(Socket push, Socket pull, int queued) {}

    private FullPipe fullPipe(String endpoint) {
        Socket push = openSocket(SocketType.PUSH);
        push.set(SocketOption.SNDHWM, 1);
        push.bind(endpoint);
        Socket pull = openSocket(SocketType.PULL);
        pull.set(SocketOption.RCVHWM, 1);
        pull.connect(endpoint);
        int queued = 0;
        while (push.send("fill " + queued, Socket.DONTWAIT)) {
            if (++queued > 1000) {
                throw new AssertionError("an inproc PUSH with SNDHWM 1 accepted " + queued + " messages");
            }
        }
        assertThat(queued).as("messages queued before the high-water mark").isPositive();
        return new FullPipe(push, pull, queued);
    }

    private static void assertCloseRefused(Socket socket, String runningCall) {
        Throwable thrown = catchThrowable(socket::close);
        if (thrown == null) {
            throw new AssertionError("close() from another thread while the owner is blocked in " + runningCall
                    + " returned normally; it must fail with EINVAL and leave the socket to its owner");
        }
        assertCode(thrown, ErrorCode.EINVAL);
        assertThat(thrown).hasMessageContaining(socket.type().name()).hasMessageContaining("another thread");
    }

    private static void assertCode(Throwable thrown, ErrorCode code) {
        assertThat(thrown).as("expected ZmqException %s", code).isInstanceOf(ZmqException.class);
        assertThat(((ZmqException) thrown).code())
                .as("error code of: %s", thrown.getMessage())
                .isEqualTo(code);
    }

    /** A call made on a thread of its own, the socket's owner for as long as the call runs. */
    private static final class OwnerCall<T> {
        private final Thread thread;
        private final CompletableFuture<T> result = new CompletableFuture<>();
        private final String name;

        private OwnerCall(String name, Callable<T> call) {
            this.name = name;
            this.thread = new Thread(
                    () -> {
                        try {
                            result.complete(call.call());
                        } catch (Throwable thrown) {
                            result.completeExceptionally(thrown);
                        }
                    },
                    "test-owner-" + name);
            thread.setDaemon(true);
        }

        static <T> OwnerCall<T> start(String name, Callable<T> call) {
            OwnerCall<T> owner = new OwnerCall<>(name, call);
            owner.thread.start();
            return owner;
        }

        /**
         * Waits until the thread is parked with {@code className.method} on its stack: it is then inside the call
         * (it entered the socket before it could get there) and stays parked until something wakes it.
         */
        void awaitParkedIn(String className, String method) {
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (!isParkedIn(className, method)) {
                if (result.isDone()) {
                    throw new AssertionError("the owner's " + name + " returned instead of blocking: " + describe());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the owner's " + name + " never parked in " + className + "." + method
                            + ":\n" + ZmqTestSupport.describe(Set.of(thread)));
                }
                Thread.onSpinWait();
            }
        }

        private boolean isParkedIn(String className, String method) {
            Thread.State state = thread.getState();
            if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
                return false;
            }
            for (StackTraceElement frame : thread.getStackTrace()) {
                if (frame.getClassName().equals(className)
                        && frame.getMethodName().equals(method)) {
                    return true;
                }
            }
            return false;
        }

        /** The call's result; fails if it threw or does not return within the limit. */
        T outcome() {
            try {
                return result.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError("the owner's " + name + " failed", e.getCause());
            } catch (TimeoutException e) {
                throw neverReturned();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        /** What the call threw; fails if it returned or does not end within the limit. */
        Throwable failure() {
            try {
                T value = result.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                throw new AssertionError("the owner's " + name + " returned " + value + " instead of failing");
            } catch (ExecutionException e) {
                return e.getCause();
            } catch (TimeoutException e) {
                throw neverReturned();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        private AssertionError neverReturned() {
            return new AssertionError("the owner's " + name + " did not return within " + LIMIT.toMillis()
                    + " ms; it is still in:\n" + ZmqTestSupport.describe(Set.of(thread)));
        }

        private String describe() {
            return result.handle((value, thrown) -> thrown != null ? "threw " + thrown : "returned " + value)
                    .join();
        }
    }
}
