package dev.zmq4j.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.ErrorCode;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.interop.ZmqTestSupport;
import java.lang.invoke.MethodHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The thread-safe draft types under many threads at once: 16 threads on one CLIENT and one SERVER with nothing lost
 * or duplicated; a thread blocked in a receive does not hold up another thread's send on the same socket; a close
 * from one thread ends the others' blocked calls with ENOTSOCK, and a context close ends them with ETERM; hundreds of
 * virtual threads blocked on one socket hold no carrier (Java 21+).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SharedSocketThreadsTest {
    private static final int THREADS_PER_SOCKET = 8;
    private static final int MESSAGES_PER_THREAD = 2_000;
    private static final long WAIT_SECONDS = 20;

    private Context context;

    @BeforeEach
    void createContext() {
        context = Context.create();
    }

    @AfterEach
    void closeContext() {
        ZmqTestSupport.runBounded("Context.close()", Duration.ofSeconds(10), context::close);
    }

    @Test
    void shouldLoseAndDuplicateNothingWithSixteenThreadsOnOneClientAndOneServer() throws Exception {
        Socket server = ZmqTestSupport.socket(context, SocketType.SERVER);
        server.set(SocketOption.RCVTIMEO, 100);
        server.bind("tcp://127.0.0.1:*");
        Socket client = ZmqTestSupport.socket(context, SocketType.CLIENT);
        client.set(SocketOption.RCVTIMEO, (int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        client.connect(server.lastEndpoint());
        int total = THREADS_PER_SOCKET * MESSAGES_PER_THREAD;
        AtomicInteger echoed = new AtomicInteger();
        Map<String, Integer> replies = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> threads = new ArrayList<>();
        for (int t = 0; t < THREADS_PER_SOCKET; t++) {
            // Server threads: each echoes whatever request it gets, to the peer it came from.
            threads.add(CompletableFuture.runAsync(
                    () -> {
                        while (echoed.get() < total) {
                            Message request = server.recvMessage();
                            if (request != null) {
                                assertThat(server.send(
                                                Message.of(request.get(0)).routingId(request.routingId())))
                                        .isTrue();
                                echoed.incrementAndGet();
                            }
                        }
                    },
                    daemonThread()));
            // Client threads: each sends its own requests, then takes as many replies, whichever thread's they are.
            int thread = t;
            threads.add(CompletableFuture.runAsync(
                    () -> {
                        for (int i = 0; i < MESSAGES_PER_THREAD; i++) {
                            assertThat(client.send("t" + thread + "-" + i)).isTrue();
                        }
                        for (int i = 0; i < MESSAGES_PER_THREAD; i++) {
                            String reply = client.recvString();
                            assertThat(reply)
                                    .as("a reply within %d s", WAIT_SECONDS)
                                    .isNotNull();
                            replies.merge(reply, 1, Integer::sum);
                        }
                    },
                    daemonThread()));
        }
        CompletableFuture.allOf(threads.toArray(new CompletableFuture<?>[0])).get(WAIT_SECONDS * 2, TimeUnit.SECONDS);
        assertThat(replies).as("one reply for each of the %d requests", total).hasSize(total);
        assertThat(replies.values()).as("no reply twice").allMatch(count -> count == 1);
        assertThat(echoed.get()).isEqualTo(total);
    }

    @Test
    void shouldLetAnotherThreadSendWhileOneIsBlockedInAReceive() throws Exception {
        Socket server = ZmqTestSupport.socket(context, SocketType.SERVER);
        server.bind("inproc://blocked-receive");
        Socket client = ZmqTestSupport.socket(context, SocketType.CLIENT);
        client.connect("inproc://blocked-receive");
        CountDownLatch receiving = new CountDownLatch(1);
        CompletableFuture<String> blocked = CompletableFuture.supplyAsync(
                () -> {
                    receiving.countDown();
                    return client.recvString();
                },
                daemonThread());
        assertThat(receiving.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        // The receive above waits without the socket's lock: this send (and the reply) go through meanwhile.
        assertThat(client.send("while you wait")).isTrue();
        Message request = ZmqTestSupport.receiveMessage(server, "the request sent during the receive", () -> "");
        assertThat(server.send(Message.of("answer").routingId(request.routingId())))
                .isTrue();
        assertThat(blocked.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("answer");
    }

    /**
     * A poller parked on a thread-safe socket holds nothing: another thread's calls on the socket go through while it
     * waits (the poll below ends only after them, so a poller holding the socket's lock would never return).
     */
    @Test
    void shouldLetOtherThreadsUseASocketThatAPollerWaitsOn() throws Exception {
        Socket server = ZmqTestSupport.socket(context, SocketType.SERVER);
        server.bind("inproc://polled-while-used");
        Socket client = ZmqTestSupport.socket(context, SocketType.CLIENT);
        client.connect("inproc://polled-while-used");
        CountDownLatch polling = new CountDownLatch(1);
        CompletableFuture<Integer> poll = CompletableFuture.supplyAsync(
                () -> {
                    try (dev.zmq4j.Poller poller = context.poller()) {
                        poller.register(server, dev.zmq4j.Poller.POLLIN);
                        polling.countDown();
                        return poller.poll(-1);
                    }
                },
                daemonThread());
        assertThat(polling.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        // Bounded: a poller holding the socket's lock would keep this call waiting until the poll ends, which here
        // is never (only the send below can end it).
        ZmqTestSupport.runBounded(
                "SERVER.set while a poller waits on it",
                Duration.ofSeconds(WAIT_SECONDS),
                () -> server.set(SocketOption.SNDHWM, 10));
        assertThat(server.get(SocketOption.SNDHWM)).isEqualTo(10);
        assertThat(client.send("for the poller")).isTrue();
        assertThat(poll.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(server.recvString()).isEqualTo("for the poller");
    }

    @Test
    void shouldEndOtherThreadsBlockedCallsWithEnotsockWhenOneCloses() throws Exception {
        Socket client = ZmqTestSupport.socket(context, SocketType.CLIENT);
        client.connect("tcp://127.0.0.1:" + ZmqTestSupport.freeTcpPort());
        List<CompletableFuture<ZmqException>> receivers = blockedReceivers(client, 4);
        client.close();
        for (CompletableFuture<ZmqException> receiver : receivers) {
            assertThat(receiver.get(WAIT_SECONDS, TimeUnit.SECONDS).code()).isEqualTo(ErrorCode.ENOTSOCK);
        }
        client.close(); // idempotent
    }

    @Test
    void shouldEndBlockedCallsWithEtermWhenTheContextCloses() throws Exception {
        Context own = Context.create();
        Socket server = own.socket(SocketType.SERVER);
        server.bind("inproc://closing-context");
        List<CompletableFuture<ZmqException>> receivers = blockedReceivers(server, 4);
        ZmqTestSupport.runBounded("Context.close()", Duration.ofSeconds(WAIT_SECONDS), own::close);
        for (CompletableFuture<ZmqException> receiver : receivers) {
            assertThat(receiver.get(WAIT_SECONDS, TimeUnit.SECONDS).code()).isEqualTo(ErrorCode.ETERM);
        }
    }

    @Test
    void shouldParkHundredsOfVirtualThreadsOnOneSocketWithoutHoldingCarriers() throws Throwable {
        MethodHandle startVirtual = VirtualThreadCallersTest.virtualThreadStarter();
        Socket server = ZmqTestSupport.socket(context, SocketType.SERVER);
        server.bind("inproc://virtual-callers");
        Socket client = ZmqTestSupport.socket(context, SocketType.CLIENT);
        client.connect("inproc://virtual-callers");
        int callers = 300;
        Map<String, Integer> received = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(callers);
        for (int i = 0; i < callers; i++) {
            startVirtual.invoke((Runnable) () -> {
                String reply = client.recvString();
                if (reply != null) {
                    received.merge(reply, 1, Integer::sum);
                }
                done.countDown();
            });
        }
        // Every caller blocks in recv on the one CLIENT; requests and replies then flow from this thread.
        for (int i = 0; i < callers; i++) {
            assertThat(client.send("request " + i)).isTrue();
            Message request = ZmqTestSupport.receiveMessage(server, "request " + i, () -> "");
            assertThat(server.send(Message.of("reply " + i).routingId(request.routingId())))
                    .isTrue();
        }
        assertThat(done.await(WAIT_SECONDS, TimeUnit.SECONDS))
                .as("all %d virtual callers got a reply within %d s (%d did)", callers, WAIT_SECONDS, received.size())
                .isTrue();
        assertThat(received).hasSize(callers);
    }

    /** Threads blocked in a receive on {@code socket}, each completing with the exception that ended it. */
    private static List<CompletableFuture<ZmqException>> blockedReceivers(Socket socket, int count)
            throws InterruptedException {
        CountDownLatch started = new CountDownLatch(count);
        List<CompletableFuture<ZmqException>> receivers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            receivers.add(CompletableFuture.supplyAsync(
                    () -> {
                        started.countDown();
                        try {
                            socket.recv();
                            return null;
                        } catch (ZmqException e) {
                            return e;
                        }
                    },
                    daemonThread()));
        }
        assertThat(started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        // A receiver not yet inside its call when the socket closes gets the same error on entering: the outcome
        // does not depend on how far each got.
        return receivers;
    }

    private static java.util.concurrent.Executor daemonThread() {
        return task -> {
            Thread thread = new Thread(task, "shared-socket-caller");
            thread.setDaemon(true);
            thread.start();
        };
    }
}
