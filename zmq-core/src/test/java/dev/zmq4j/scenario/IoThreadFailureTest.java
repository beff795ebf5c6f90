package dev.zmq4j.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.zmq4j.Context;
import dev.zmq4j.ErrorCode;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.interop.ZmqTestSupport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a failure inside an I/O thread costs, seen from the application. The failures are injected through a real
 * seam: a socket event listener, which runs on the I/O thread that raises the event (here ACCEPTED, raised while a
 * connection is being set up). One the thread survives ends that connection only; one it cannot survive ends the
 * thread, after which the context still closes, within a bound, and every call says why it fails.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IoThreadFailureTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    private final Context context = Context.create(1);

    @AfterEach
    void close() {
        ZmqTestSupport.runBounded("Context.close() after the test", LIMIT, context::close);
    }

    /** An Error no thread should swallow, thrown from where the I/O thread calls application code. */
    static final class InjectedFault extends Error {
        private static final long serialVersionUID = 1L;

        InjectedFault() {
            super("injected fault");
        }
    }

    @Test
    void shouldEndOnlyTheConnectionBeingSetUpWhenItRunsOutOfMemoryAndServeTheNext() throws Exception {
        Socket pull = linger0(context.socket(SocketType.PULL));
        pull.set(SocketOption.RCVTIMEO, (int) LIMIT.toMillis());
        AtomicBoolean failed = new AtomicBoolean();
        pull.addEventListener(
                event -> {
                    if (event.type() == SocketEvent.Type.ACCEPTED && failed.compareAndSet(false, true)) {
                        throw new OutOfMemoryError("injected: no room for this connection");
                    }
                },
                SocketEvent.ALL);
        pull.bind("tcp://127.0.0.1:*");

        try (SocketChannel victim = SocketChannel.open(address(pull.lastEndpoint()))) {
            assertThat(readsEndOfStream(victim))
                    .as("the connection that failed is closed")
                    .isTrue();
        }
        assertThat(failed).isTrue();

        Socket push = linger0(context.socket(SocketType.PUSH));
        push.connect(pull.lastEndpoint());
        push.send("still serving");
        assertThat(pull.recvString())
                .as("the next connection on the same I/O thread")
                .isEqualTo("still serving");
    }

    @Test
    void shouldCloseTheContextWithinABoundAndFailEveryCallWithTheCauseWhenAnIoThreadDies() throws Exception {
        Socket pull = linger0(context.socket(SocketType.PULL));
        pull.addEventListener(
                event -> {
                    if (event.type() == SocketEvent.Type.ACCEPTED) {
                        throw new InjectedFault();
                    }
                },
                SocketEvent.ALL);
        pull.bind("tcp://127.0.0.1:*");
        String endpoint = pull.lastEndpoint();

        // A thread blocked in recv() (no RCVTIMEO) must be woken, not left waiting for a thread that is gone.
        CompletableFuture<Throwable> blocked = new CompletableFuture<>();
        Thread receiver = new Thread(
                () -> {
                    try {
                        blocked.complete(new AssertionError("recv() returned " + pull.recv()));
                    } catch (Throwable thrown) {
                        blocked.complete(thrown);
                    }
                },
                "test-blocked-recv");
        receiver.setDaemon(true);
        receiver.start();

        try (SocketChannel victim = SocketChannel.open(address(endpoint))) {
            assertThat(readsEndOfStream(victim))
                    .as("the dying thread closed the connections it served")
                    .isTrue();
        }
        assertEtermNamingTheCause("the blocked recv()", await(blocked, "the blocked recv() to end"));
        assertEtermNamingTheCause("Context.socket()", catchThrowable(() -> context.socket(SocketType.PUSH)));

        ZmqTestSupport.runBounded("Context.close() after its I/O thread died", LIMIT, context::close);
        assertThat(ZmqTestSupport.zmq4jThreads())
                .as("the reaper, which could not finish the socket, is abandoned as a daemon, not joined forever")
                .allMatch(Thread::isDaemon);
    }

    private static void assertEtermNamingTheCause(String what, Throwable thrown) {
        assertThat(thrown).as(what).isInstanceOf(ZmqException.class);
        assertThat(((ZmqException) thrown).code())
                .as("%s: %s", what, thrown.getMessage())
                .isEqualTo(ErrorCode.ETERM);
        assertThat(thrown.getMessage()).as(what).contains("zmq4j-io-1", "InjectedFault");
    }

    private static Throwable await(CompletableFuture<Throwable> outcome, String what) throws InterruptedException {
        try {
            return outcome.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + LIMIT + " waiting for " + what);
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    /** Blocks (bounded by SO_TIMEOUT-free means: a blocking read the far end's close ends) for the end of stream. */
    private static boolean readsEndOfStream(SocketChannel channel) throws IOException {
        CompletableFuture<Boolean> end = CompletableFuture.supplyAsync(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(256);
            try {
                int read;
                while ((read = channel.read(buffer)) >= 0) {
                    buffer.clear();
                    if (read == 0) {
                        Thread.onSpinWait();
                    }
                }
                return true;
            } catch (IOException e) {
                // A reset is an end too.
                return true;
            }
        });
        try {
            return end.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            channel.close();
            throw new AssertionError("the connection was still open after " + LIMIT);
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    private static InetSocketAddress address(String endpoint) {
        URI uri = URI.create(endpoint);
        return new InetSocketAddress(uri.getHost(), uri.getPort());
    }

    private static Socket linger0(Socket socket) {
        socket.set(SocketOption.LINGER, 0);
        return socket;
    }
}
