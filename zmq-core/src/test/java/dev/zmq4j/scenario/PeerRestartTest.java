package dev.zmq4j.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.interop.LibzmqPeer;
import dev.zmq4j.interop.Traffic;
import dev.zmq4j.interop.ZmqTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bound peer goes away and comes back on the same port three times while a zmq4j DEALER (RECONNECT_IVL
 * 50 ms) keeps sending with DONTWAIT: after every restart the new peer must receive the DEALER's messages.
 * Each generation is waited for by a send-and-poll loop bounded by a deadline, never by sleeping.
 *
 * <p>The first generation binds an ephemeral port; the restarts bind that same port again. The old peer's
 * closed connections leave the port in TIME_WAIT, so the listener must use SO_REUSEADDR (as libzmq does).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PeerRestartTest {
    private static final int RESTARTS = 3;
    private static final Duration GENERATION_LIMIT = Duration.ofSeconds(5);

    private Context context;
    private Socket dealer;
    private long sent;

    @BeforeEach
    void createDealer() {
        context = Context.create();
        dealer = ZmqTestSupport.socket(context, SocketType.DEALER);
        dealer.set(SocketOption.RECONNECT_IVL, 50);
    }

    @AfterEach
    void closeContext() {
        ZmqTestSupport.runBounded("Context.close()", Duration.ofSeconds(10), context::close);
    }

    @Test
    void shouldResumeTrafficEachTimeZmq4jRouterRestartsOnSamePort() {
        String endpoint = null;
        for (int generation = 0; generation <= RESTARTS; generation++) {
            Context routerContext = Context.create();
            try {
                Socket router = ZmqTestSupport.socket(routerContext, SocketType.ROUTER);
                router.set(SocketOption.RCVTIMEO, 20);
                router.bind(endpoint == null ? "tcp://127.0.0.1:*" : endpoint);
                if (endpoint == null) {
                    endpoint = router.lastEndpoint();
                    dealer.connect(endpoint);
                }
                int current = generation;
                awaitTraffic(
                        generation,
                        () -> {
                            Message message = router.recvMessage();
                            return message == null ? null : message.getString(1);
                        },
                        () -> "zmq4j ROUTER generation " + current + " at " + router.lastEndpoint());
            } finally {
                ZmqTestSupport.runBounded("ROUTER Context.close()", Duration.ofSeconds(10), routerContext::close);
            }
        }
    }

    @Test
    void shouldResumeTrafficEachTimeLibzmqRouterRestartsOnSamePort() {
        String endpoint = null;
        for (int generation = 0; generation <= RESTARTS; generation++) {
            try (LibzmqPeer router =
                    endpoint == null ? LibzmqPeer.bound("router-sink") : LibzmqPeer.boundAt("router-sink", endpoint)) {
                if (endpoint == null) {
                    endpoint = router.endpoint();
                    dealer.connect(endpoint);
                }
                assertThat(router.endpoint()).isEqualTo(endpoint);
                awaitTraffic(
                        generation,
                        () -> {
                            String hexFrames = router.pollLine("RECEIVED", Duration.ofMillis(20));
                            return hexFrames == null
                                    ? null
                                    : new String(HexFormat.of().parseHex(hexFrames), StandardCharsets.US_ASCII);
                        },
                        router::diagnostics);
                assertThat(router.awaitExit(Duration.ofSeconds(10)))
                        .as(router.diagnostics())
                        .isZero();
            }
        }
    }

    /**
     * Sends with DONTWAIT until {@code receive} (a bounded poll of the current peer) returns a message, or fails
     * after {@link #GENERATION_LIMIT}. Messages queued for an earlier generation may be the first to arrive;
     * any message reaching the new peer shows traffic resumed.
     */
    private void awaitTraffic(int generation, Supplier<String> receive, Supplier<String> diagnostics) {
        long deadline = System.nanoTime() + GENERATION_LIMIT.toNanos();
        int sentThisGeneration = 0;
        while (System.nanoTime() < deadline) {
            if (dealer.send(Traffic.ascii("generation " + generation + " message " + sent), Socket.DONTWAIT)) {
                sent++;
                sentThisGeneration++;
            }
            String received = receive.get();
            if (received != null) {
                assertThat(received).as("a DEALER message").startsWith("generation ");
                return;
            }
        }
        throw new AssertionError("peer generation " + generation + " (restart " + generation + " of " + RESTARTS
                + ") received nothing within " + GENERATION_LIMIT.toMillis() + " ms; the DEALER queued "
                + sentThisGeneration + " messages meanwhile\n" + diagnostics.get());
    }
}
