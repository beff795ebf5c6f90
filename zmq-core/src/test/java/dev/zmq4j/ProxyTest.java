package dev.zmq4j;

import static dev.zmq4j.interop.ZmqTestSupport.socket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The built-in proxy over tcp: queue, forwarder and streamer devices, capture, steering, back-pressure. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProxyTest {
    private static final long WAIT_MS = 10_000;

    private Context context;
    private Thread proxyThread;
    private final AtomicReference<Throwable> proxyOutcome = new AtomicReference<>();

    @BeforeEach
    void createContext() {
        context = Context.create();
    }

    @AfterEach
    void closeContext() throws InterruptedException {
        context.close();
        if (proxyThread != null) {
            proxyThread.join(WAIT_MS);
            assertThat(proxyThread.isAlive())
                    .as("the proxy ended when the context closed")
                    .isFalse();
        }
    }

    /** Runs the proxy on its own thread; what it threw (ETERM normally) lands in {@link #proxyOutcome}. */
    private void start(Runnable proxy) {
        proxyThread = new Thread(
                () -> {
                    try {
                        proxy.run();
                        proxyOutcome.set(new Returned());
                    } catch (Throwable t) {
                        proxyOutcome.set(t);
                    }
                },
                "test-proxy");
        proxyThread.start();
    }

    /** Marks a normal return. */
    private static final class Returned extends RuntimeException {}

    @Test
    void shouldQueueRequestsFromTcpClientsToTcpWorkersAndCaptureEveryFrame() throws Exception {
        Socket frontend = socket(context, SocketType.ROUTER);
        frontend.bind("tcp://127.0.0.1:*");
        Socket backend = socket(context, SocketType.DEALER);
        backend.bind("tcp://127.0.0.1:*");
        Socket capture = socket(context, SocketType.PUSH);
        capture.bind("inproc://capture");
        Socket captured = socket(context, SocketType.PULL);
        captured.connect("inproc://capture");
        String frontEndpoint = frontend.lastEndpoint();
        String backEndpoint = backend.lastEndpoint();
        start(() -> Proxy.run(frontend, backend, capture));

        List<Socket> workers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Socket worker = socket(context, SocketType.REP);
            worker.connect(backEndpoint);
            workers.add(worker);
        }
        int requestsPerClient = 20;
        int clients = 3;
        List<Thread> serving = new ArrayList<>();
        for (Socket worker : workers) {
            Thread thread = new Thread(
                    () -> {
                        // Each worker answers until the context closes (ETERM) at the end of the test.
                        worker.set(SocketOption.RCVTIMEO, -1);
                        try {
                            while (true) {
                                worker.send("re: " + worker.recvString());
                            }
                        } catch (ZmqException e) {
                            // ETERM: done.
                        }
                    },
                    "test-worker");
            thread.setDaemon(true);
            thread.start();
            serving.add(thread);
        }
        Set<String> replies = new HashSet<>();
        for (int c = 0; c < clients; c++) {
            try (Socket client = socket(context, SocketType.REQ)) {
                client.connect(frontEndpoint);
                for (int r = 0; r < requestsPerClient; r++) {
                    assertThat(client.send("c" + c + " r" + r)).isTrue();
                    String reply = client.recvString();
                    assertThat(reply).as("reply %d of client %d", r, c).isEqualTo("re: c" + c + " r" + r);
                    replies.add(reply);
                }
            }
        }
        assertThat(replies).hasSize(clients * requestsPerClient);

        // Every request went through as [routing id][empty][body] and every reply back the same way: 3 frames each.
        int expectedFrames = clients * requestsPerClient * 2 * 3;
        int bodies = 0;
        for (int i = 0; i < expectedFrames; i++) {
            byte[] frame = captured.recv();
            assertThat(frame).as("captured frame %d of %d", i, expectedFrames).isNotNull();
            String text = new String(frame, java.nio.charset.StandardCharsets.UTF_8);
            if (text.startsWith("c") || text.startsWith("re: c")) {
                bodies++;
            }
        }
        assertThat(bodies).isEqualTo(clients * requestsPerClient * 2);
        captured.set(SocketOption.RCVTIMEO, 0);
        assertThat(captured.recv()).as("nothing captured twice").isNull();
    }

    @Test
    void shouldForwardPublicationsAndSubscriptionsBetweenXsubAndXpub() {
        Socket frontend = socket(context, SocketType.XSUB);
        frontend.bind("tcp://127.0.0.1:*");
        Socket backend = socket(context, SocketType.XPUB);
        backend.bind("tcp://127.0.0.1:*");
        String frontEndpoint = frontend.lastEndpoint();
        String backEndpoint = backend.lastEndpoint();
        start(() -> Proxy.run(frontend, backend, null));

        Socket publisher = socket(context, SocketType.XPUB);
        publisher.connect(frontEndpoint);
        Socket subscriber = socket(context, SocketType.SUB);
        subscriber.set(SocketOption.SUBSCRIBE, "prices.".getBytes());
        subscriber.connect(backEndpoint);

        // The subscription travels subscriber -> XPUB -> proxy -> XSUB -> publisher.
        assertThat(publisher.recv()).as("subscription seen by the publisher").isEqualTo("\u0001prices.".getBytes());
        publisher.send("weather.rain");
        publisher.send("prices.ACME 12");
        assertThat(subscriber.recvString()).isEqualTo("prices.ACME 12");
    }

    @Test
    void shouldPauseResumeReportStatisticsAndTerminateThroughARepControlSocket() throws Exception {
        Socket frontend = socket(context, SocketType.PULL);
        frontend.bind("tcp://127.0.0.1:*");
        Socket backend = socket(context, SocketType.PUSH);
        backend.bind("tcp://127.0.0.1:*");
        Socket control = socket(context, SocketType.REP);
        control.bind("inproc://control");
        Socket steering = socket(context, SocketType.REQ);
        steering.connect("inproc://control");
        Socket producer = socket(context, SocketType.PUSH);
        producer.connect(frontend.lastEndpoint());
        Socket consumer = socket(context, SocketType.PULL);
        consumer.connect(backend.lastEndpoint());
        start(() -> Proxy.steerable(frontend, backend, null, control));

        producer.send("one");
        assertThat(consumer.recvString()).isEqualTo("one");

        assertThat(command(steering, "PAUSE"))
                .as("a REP control socket acknowledges")
                .isEmpty();
        producer.send("two");
        producer.send("three!");
        // While paused the proxy reads nothing: the statistics still count only "one".
        assertThat(statistics(steering)).containsExactly(1, 3, 0, 0, 0, 0, 1, 3);

        assertThat(command(steering, "RESUME")).isEmpty();
        assertThat(consumer.recvString()).isEqualTo("two");
        assertThat(consumer.recvString()).isEqualTo("three!");
        assertThat(statistics(steering)).containsExactly(3, 12, 0, 0, 0, 0, 3, 12);

        assertThat(command(steering, "NONSENSE"))
                .as("an unknown command is answered too, never wedging REP")
                .isEmpty();
        assertThat(command(steering, "TERMINATE")).isEmpty();
        proxyThread.join(WAIT_MS);
        assertThat(proxyOutcome.get()).as("TERMINATE makes the proxy return").isInstanceOf(Returned.class);
    }

    @Test
    void shouldSendNoAcknowledgementToAPairControlSocket() throws Exception {
        Socket frontend = socket(context, SocketType.PULL);
        frontend.bind("inproc://front");
        Socket backend = socket(context, SocketType.PUSH);
        backend.bind("inproc://back");
        Socket control = socket(context, SocketType.PAIR);
        control.bind("inproc://pair-control");
        Socket steering = socket(context, SocketType.PAIR);
        steering.connect("inproc://pair-control");
        start(() -> Proxy.steerable(frontend, backend, null, control));

        steering.send("PAUSE");
        steering.send("RESUME");
        // STATISTICS is the first command that answers: the next frame received is its first value.
        assertThat(statistics(steering)).containsExactly(0, 0, 0, 0, 0, 0, 0, 0);
        steering.send("TERMINATE");
        proxyThread.join(WAIT_MS);
        assertThat(proxyOutcome.get()).isInstanceOf(Returned.class);
        steering.set(SocketOption.RCVTIMEO, 0);
        assertThat(steering.recv()).as("no acknowledgement on PAIR").isNull();
    }

    @Test
    void shouldKeepTheOtherDirectionFlowingWhileOneSideIsFull() throws Exception {
        Socket frontend = socket(context, SocketType.PAIR);
        frontend.set(SocketOption.RCVHWM, 10);
        frontend.bind("tcp://127.0.0.1:*");
        Socket backend = socket(context, SocketType.PAIR);
        backend.set(SocketOption.SNDHWM, 1);
        backend.bind("tcp://127.0.0.1:*");
        Socket left = socket(context, SocketType.PAIR);
        left.set(SocketOption.SNDHWM, 10);
        left.connect(frontend.lastEndpoint());
        Socket right = socket(context, SocketType.PAIR);
        right.set(SocketOption.RCVHWM, 1);
        right.connect(backend.lastEndpoint());
        start(() -> Proxy.run(frontend, backend, null));

        // The right peer does not read: left-to-right fills up (tcp buffers, then the HWMs) and stalls.
        int sent = 0;
        left.set(SocketOption.SNDTIMEO, 0);
        byte[] chunk = new byte[64 * 1024];
        while (sent < 10_000 && left.send(chunk, 0)) {
            sent++;
        }
        assertThat(sent)
                .as("left-to-right stalled before 10,000 chunks of 64 KiB")
                .isLessThan(10_000);

        // The stalled direction must not block the other one.
        assertThat(right.send("still there?")).isTrue();
        assertThat(left.recvString()).isEqualTo("still there?");

        // And the proxy waits rather than spins while the right side is full.
        awaitState(proxyThread, Thread.State.WAITING);

        for (int i = 0; i < sent; i++) {
            assertThat(right.recv()).as("chunk %d of %d", i, sent).hasSize(chunk.length);
        }
    }

    @Test
    void shouldEndWithEtermWhenTheContextCloses() throws Exception {
        Socket frontend = socket(context, SocketType.PULL);
        frontend.bind("inproc://a");
        Socket backend = socket(context, SocketType.PUSH);
        backend.bind("inproc://b");
        start(() -> Proxy.run(frontend, backend, null));
        awaitState(proxyThread, Thread.State.WAITING);
        context.close();
        proxyThread.join(WAIT_MS);
        assertThat(proxyOutcome.get())
                .isInstanceOfSatisfying(
                        ZmqException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ETERM));
    }

    @Test
    void shouldRefuseAMissingSocket() {
        Socket backend = socket(context, SocketType.PUSH);
        assertThatThrownBy(() -> Proxy.run(null, backend, null))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("frontend and a backend");
    }

    private static byte[] command(Socket steering, String command) {
        assertThat(steering.send(command)).isTrue();
        byte[] reply = steering.recv();
        assertThat(reply).as("reply to %s", command).isNotNull();
        return reply;
    }

    private static long[] statistics(Socket steering) {
        assertThat(steering.send("STATISTICS")).isTrue();
        long[] values = new long[8];
        for (int i = 0; i < values.length; i++) {
            byte[] frame = steering.recv();
            assertThat(frame).as("statistics value %d", i).hasSize(8);
            values[i] = ByteBuffer.wrap(frame).order(ByteOrder.nativeOrder()).getLong();
            assertThat(steering.hasMore()).as("more after value %d", i).isEqualTo(i < 7);
        }
        return values;
    }

    private static void awaitState(Thread thread, Thread.State state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (thread.getState() != state) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the proxy thread never reached " + state + ": " + thread.getState());
            }
            Thread.sleep(1);
        }
    }
}
