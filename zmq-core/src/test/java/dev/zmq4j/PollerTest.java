package dev.zmq4j;

import static dev.zmq4j.interop.ZmqTestSupport.socket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The poller: readiness over many sockets, the per-pattern rules of POLLIN/POLLOUT, wake-ups and errors. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PollerTest {
    /** Long enough never to run out in a healthy run; a run that does fails instead of hanging. */
    private static final long WAIT_MS = 10_000;

    private Context context;

    @BeforeEach
    void createContext() {
        context = Context.create();
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    @Test
    void shouldReportExactlyTheReadySocketsAmongAHundredOverTcp() {
        int count = 100;
        List<Socket> pulls = new ArrayList<>();
        List<Socket> pushes = new ArrayList<>();
        try (Poller poller = context.poller()) {
            for (int i = 0; i < count; i++) {
                Socket pull = socket(context, SocketType.PULL);
                pull.bind("tcp://127.0.0.1:*");
                Socket push = socket(context, SocketType.PUSH);
                push.connect(pull.lastEndpoint());
                pulls.add(pull);
                pushes.add(push);
                assertThat(poller.register(pull, Poller.POLLIN)).isEqualTo(i);
            }
            assertThat(poller.poll(0)).as("nothing sent yet").isZero();

            Set<Integer> senders = Set.of(3, 17, 42, 64, 99);
            for (int i : senders) {
                assertThat(pushes.get(i).send("to " + i)).isTrue();
            }
            Set<Integer> readable = awaitReadable(poller, count, senders.size());
            assertThat(readable).isEqualTo(senders);
            for (int i : readable) {
                assertThat(pulls.get(i).recvString()).isEqualTo("to " + i);
            }
            assertThat(poller.poll(0)).as("everything received").isZero();

            // Every socket once more, drained through the poller alone.
            for (int i = 0; i < count; i++) {
                assertThat(pushes.get(i).send("again " + i)).isTrue();
            }
            int received = 0;
            while (received < count) {
                assertThat(poller.poll(WAIT_MS))
                        .as("some socket readable after %d of %d", received, count)
                        .isPositive();
                for (int i = 0; i < count; i++) {
                    if (poller.isReadable(i)) {
                        assertThat(pulls.get(i).recv(Socket.DONTWAIT))
                                .isEqualTo(("again " + i).getBytes(StandardCharsets.UTF_8));
                        received++;
                    }
                }
            }
        }
    }

    /** Polls until {@code expected} sockets are readable at once (messages arrive over tcp one by one). */
    private static Set<Integer> awaitReadable(Poller poller, int count, int expected) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        Set<Integer> readable = new HashSet<>();
        while (readable.size() < expected) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            assertThat(left)
                    .as("%d of %d sockets readable: %s", readable.size(), expected, readable)
                    .isPositive();
            poller.poll(left);
            readable.clear();
            for (int i = 0; i < count; i++) {
                if (poller.isReadable(i)) {
                    readable.add(i);
                }
            }
        }
        return readable;
    }

    @Test
    void shouldWakeABlockedPollWhenAnotherThreadSends() throws Exception {
        Socket pull = socket(context, SocketType.PULL);
        pull.bind("inproc://wake");
        Poller poller = context.poller();
        poller.register(pull, Poller.POLLIN);
        // The poller must park, not spin: its thread reaches WAITING.
        CompletableFuture<Integer> polled = parkedPoll(poller);
        try (Socket push = socket(context, SocketType.PUSH)) {
            push.connect("inproc://wake");
            assertThat(push.send("wake up")).isTrue();
            assertThat(polled.get(WAIT_MS, TimeUnit.MILLISECONDS)).isEqualTo(1);
        }
        assertThat(poller.isReadable(0)).isTrue();
        assertThat(pull.recvString()).isEqualTo("wake up");
    }

    @Test
    void shouldEndAParkedPollWhenAnotherThreadWakesIt() throws Exception {
        Socket pull = socket(context, SocketType.PULL);
        pull.bind("inproc://quiet");
        try (Poller poller = context.poller()) {
            poller.register(pull, Poller.POLLIN);
            CompletableFuture<Integer> polled = parkedPoll(poller);
            poller.wakeup();
            assertThat(polled.get(WAIT_MS, TimeUnit.MILLISECONDS))
                    .as("woken with nothing ready")
                    .isZero();
            assertThat(poller.isReadable(0)).isFalse();
        }
    }

    @Test
    void shouldEndTheNextPollWhenWokenBeforeItAndOnlyThatOne() {
        Socket pull = socket(context, SocketType.PULL);
        pull.bind("inproc://early");
        try (Poller poller = context.poller();
                Socket push = socket(context, SocketType.PUSH)) {
            poller.register(pull, Poller.POLLIN);
            poller.wakeup();
            poller.wakeup();
            assertThat(poller.poll(-1))
                    .as("two wake-ups before a poll end that poll")
                    .isZero();
            // Consumed: this poll waits for the message, which is what ends it.
            push.connect("inproc://early");
            CompletableFuture<Boolean> sent = Async.supply(() -> push.send("after the wake-ups"));
            assertThat(poller.poll(WAIT_MS)).isEqualTo(1);
            assertThat(sent.join()).isTrue();
            poller.wakeup();
            assertThat(poller.poll(-1))
                    .as("a wake-up does not hide a ready socket")
                    .isEqualTo(1);
            assertThat(pull.recvString()).isEqualTo("after the wake-ups");
        }
    }

    /** {@code poller.poll(-1)} in another thread, once that thread is parked in it. */
    private static CompletableFuture<Integer> parkedPoll(Poller poller) throws InterruptedException {
        AtomicReference<Thread> pollingThread = new AtomicReference<>();
        CompletableFuture<Integer> polled = Async.supply(() -> {
            pollingThread.set(Thread.currentThread());
            return poller.poll(-1);
        });
        awaitState(pollingThread, Thread.State.WAITING);
        return polled;
    }

    private static void awaitState(AtomicReference<Thread> thread, Thread.State state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (thread.get() == null || thread.get().getState() != state) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the polling thread never reached " + state + ": "
                        + (thread.get() == null ? "not started" : thread.get().getState()));
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void shouldReturnNothingWhenTheTimeRunsOut() {
        Socket pull = socket(context, SocketType.PULL);
        pull.bind("inproc://quiet");
        try (Poller poller = context.poller()) {
            poller.register(pull, Poller.POLLIN);
            assertThat(poller.poll(20)).isZero();
            assertThat(poller.isReadable(0)).isFalse();
        }
    }

    @Test
    void shouldFollowTheRequestReplyStateMachine() {
        Socket rep = socket(context, SocketType.REP);
        rep.bind("inproc://rr");
        Socket req = socket(context, SocketType.REQ);
        req.connect("inproc://rr");
        try (Poller poller = context.poller()) {
            int reqIndex = poller.register(req, Poller.POLLIN | Poller.POLLOUT);
            int repIndex = poller.register(rep, Poller.POLLIN | Poller.POLLOUT);

            assertThat(poller.poll(WAIT_MS)).isEqualTo(1);
            assertThat(poller.readyEvents(reqIndex))
                    .as("REQ may send, has nothing to receive")
                    .isEqualTo(Poller.POLLOUT);
            assertThat(poller.readyEvents(repIndex))
                    .as("REP has no request yet")
                    .isZero();

            req.send("question");
            assertThat(poller.poll(WAIT_MS)).isEqualTo(1);
            assertThat(poller.readyEvents(reqIndex)).as("REQ awaits its reply").isZero();
            assertThat(poller.readyEvents(repIndex))
                    .as("REP has a request, cannot send yet")
                    .isEqualTo(Poller.POLLIN);

            assertThat(rep.recvString()).isEqualTo("question");
            assertThat(poller.poll(WAIT_MS)).isEqualTo(1);
            assertThat(poller.readyEvents(repIndex)).as("REP owes a reply").isEqualTo(Poller.POLLOUT);

            rep.send("answer");
            assertThat(poller.poll(WAIT_MS)).isEqualTo(1);
            assertThat(poller.readyEvents(reqIndex)).as("the reply is there").isEqualTo(Poller.POLLIN);
            assertThat(req.recvString()).isEqualTo("answer");
        }
    }

    @Test
    void shouldNotCallASubReadableForMessagesItDoesNotSubscribeTo() {
        Socket pub = socket(context, SocketType.PUB);
        pub.bind("inproc://news");
        Socket sub = socket(context, SocketType.SUB);
        sub.set(SocketOption.SUBSCRIBE, "sport".getBytes(StandardCharsets.UTF_8));
        sub.connect("inproc://news");
        try (Poller poller = context.poller()) {
            poller.register(sub, Poller.POLLIN);
            // Inproc subscriptions reach the PUB when it next processes its commands, which sending does.
            pub.send("weather rain");
            pub.send("sport", Socket.SNDMORE);
            pub.send("goal");
            assertThat(poller.poll(WAIT_MS)).isEqualTo(1);
            assertThat(sub.recvString()).isEqualTo("sport");
            assertThat(sub.hasMore()).isTrue();
            assertThat(sub.recvString()).isEqualTo("goal");
            assertThat(poller.poll(0))
                    .as("the weather message was never readable")
                    .isZero();
        }
    }

    @Test
    void shouldReportPollOutOnlyWhileAPeerHasRoom() {
        Socket push = socket(context, SocketType.PUSH);
        push.set(SocketOption.SNDHWM, 2);
        push.bind("inproc://room");
        try (Poller poller = context.poller()) {
            poller.register(push, Poller.POLLOUT);
            assertThat(poller.poll(0)).as("no peer, nowhere to send").isZero();

            Socket pull = socket(context, SocketType.PULL);
            pull.set(SocketOption.RCVHWM, 2);
            pull.connect("inproc://room");
            assertThat(poller.poll(WAIT_MS)).as("a peer attached").isEqualTo(1);
            int sent = 0;
            while (push.send("m" + sent, Socket.DONTWAIT)) {
                sent++;
            }
            assertThat(sent).as("the pipe holds SNDHWM + RCVHWM").isEqualTo(4);
            assertThat(poller.poll(0)).as("the pipe is full").isZero();
            assertThat(push.get(SocketOption.EVENTS)).isZero();

            for (int i = 0; i < sent; i++) {
                assertThat(pull.recvString()).isEqualTo("m" + i);
            }
            assertThat(poller.poll(WAIT_MS))
                    .as("room again after the peer read")
                    .isEqualTo(1);
            assertThat(push.get(SocketOption.EVENTS)).isEqualTo(Poller.POLLOUT);
        }
    }

    @Test
    void shouldCallAConnectingDealerWritableBeforeItsPeerExists() {
        // As in libzmq: without IMMEDIATE a connect creates the pipe at once, and messages queue for the peer.
        Socket dealer = socket(context, SocketType.DEALER);
        dealer.connect("tcp://127.0.0.1:" + dev.zmq4j.interop.ZmqTestSupport.freeTcpPort());
        assertThat(dealer.get(SocketOption.EVENTS)).isEqualTo(Poller.POLLOUT);
        Socket immediate = socket(context, SocketType.DEALER);
        immediate.set(SocketOption.IMMEDIATE, true);
        immediate.connect("tcp://127.0.0.1:" + dev.zmq4j.interop.ZmqTestSupport.freeTcpPort());
        assertThat(immediate.get(SocketOption.EVENTS))
                .as("IMMEDIATE waits for a connection")
                .isZero();
    }

    @Test
    void shouldReportEventsAsAnOption() {
        Socket a = socket(context, SocketType.PAIR);
        a.bind("inproc://events");
        Socket b = socket(context, SocketType.PAIR);
        b.connect("inproc://events");
        assertThat(a.get(SocketOption.EVENTS)).isEqualTo(Poller.POLLOUT);
        b.send("hello");
        assertThat(a.get(SocketOption.EVENTS)).isEqualTo(Poller.POLLIN | Poller.POLLOUT);
        assertThatThrownBy(() -> a.set(SocketOption.EVENTS, 1))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("EVENTS");
    }

    @Test
    void shouldKeepIndexesWhenASocketIsUnregistered() {
        Socket first = socket(context, SocketType.PULL);
        Socket second = socket(context, SocketType.PULL);
        Socket third = socket(context, SocketType.PULL);
        try (Poller poller = context.poller()) {
            assertThat(poller.register(first, Poller.POLLIN)).isZero();
            assertThat(poller.register(second, Poller.POLLIN)).isEqualTo(1);
            poller.unregister(first);
            assertThat(poller.register(second, Poller.POLLIN | Poller.POLLOUT))
                    .as("re-registering keeps the index")
                    .isEqualTo(1);
            assertThat(poller.register(third, Poller.POLLIN))
                    .as("the hole is reused")
                    .isZero();
        }
    }

    @Test
    void shouldRefuseBadArgumentsWithClearMessages() {
        Socket pull = socket(context, SocketType.PULL);
        Poller poller = context.poller();
        assertThatThrownBy(() -> poller.register(pull, 4))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("POLLIN")
                .hasMessageContaining("4");
        assertThatThrownBy(() -> poller.register(null, Poller.POLLIN))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("null");
        assertThatThrownBy(() -> poller.unregister(pull))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("not registered");
        assertThatThrownBy(() -> poller.poll(-1))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("forever");
        assertThatThrownBy(() -> poller.poll(-5))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("-5");
        assertThatThrownBy(() -> poller.readyEvents(3))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("index 3");
        poller.close();
        assertThatThrownBy(() -> poller.poll(0))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void shouldFailWithEnotsockForAClosedSocket() {
        Socket pull = socket(context, SocketType.PULL);
        try (Poller poller = context.poller()) {
            poller.register(pull, Poller.POLLIN);
            pull.close();
            assertThatThrownBy(() -> poller.poll(0))
                    .isInstanceOfSatisfying(
                            ZmqException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ENOTSOCK));
        }
    }

    @Test
    void shouldWakeWithEtermWhenTheContextCloses() throws Exception {
        Context own = Context.create();
        Socket pull = socket(own, SocketType.PULL);
        pull.bind("inproc://term");
        Poller poller = own.poller();
        poller.register(pull, Poller.POLLIN);
        AtomicReference<Thread> pollingThread = new AtomicReference<>();
        CompletableFuture<Integer> polled = Async.supply(() -> {
            pollingThread.set(Thread.currentThread());
            return poller.poll(-1);
        });
        awaitState(pollingThread, Thread.State.WAITING);
        CompletableFuture<Void> closed = Async.run(own::close);
        assertThatThrownBy(() -> polled.get(WAIT_MS, TimeUnit.MILLISECONDS))
                .hasCauseInstanceOf(ZmqException.class)
                .satisfies(e -> assertThat(((ZmqException) e.getCause()).code()).isEqualTo(ErrorCode.ETERM));
        closed.get(WAIT_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * A context closing while a poller is parked must not lose the sockets' wake-ups: the reaper takes their
     * mailboxes over while the poller thread is still on its way out of the park. Repeated, because it is a race.
     */
    @Test
    void shouldLetTheContextCloseWhileAPollerIsParkedOnManySockets() throws Exception {
        for (int round = 0; round < 300; round++) {
            Context own = Context.create();
            Poller poller = own.poller();
            for (int i = 0; i < 4; i++) {
                Socket pull = socket(own, SocketType.PULL);
                pull.bind("inproc://race-" + i);
                Socket push = socket(own, SocketType.PUSH);
                push.connect("inproc://race-" + i);
                poller.register(pull, Poller.POLLIN);
            }
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            Thread polling = new Thread(
                    () -> {
                        try {
                            poller.poll(-1);
                        } catch (Throwable t) {
                            outcome.set(t);
                        }
                    },
                    "test-poller");
            polling.start();
            if (round % 2 == 0) {
                awaitState(new AtomicReference<>(polling), Thread.State.WAITING);
            }
            Thread closing = new Thread(own::close, "test-close");
            closing.start();
            closing.join(WAIT_MS);
            if (closing.isAlive()) {
                throw new AssertionError("the context did not close in round " + round + " while a poller was parked");
            }
            polling.join(WAIT_MS);
            assertThat(outcome.get()).as("round %d", round).isInstanceOf(ZmqException.class);
        }
    }

    @Test
    void shouldFailWithEintrWhenInterrupted() throws Exception {
        Socket pull = socket(context, SocketType.PULL);
        pull.bind("inproc://interrupt");
        Poller poller = context.poller();
        poller.register(pull, Poller.POLLIN);
        AtomicReference<Thread> pollingThread = new AtomicReference<>();
        CompletableFuture<Integer> polled = Async.supply(() -> {
            pollingThread.set(Thread.currentThread());
            try {
                return poller.poll(-1);
            } finally {
                Thread.interrupted();
            }
        });
        awaitState(pollingThread, Thread.State.WAITING);
        pollingThread.get().interrupt();
        assertThatThrownBy(() -> polled.get(WAIT_MS, TimeUnit.MILLISECONDS))
                .hasCauseInstanceOf(ZmqException.class)
                .satisfies(e -> assertThat(((ZmqException) e.getCause()).code()).isEqualTo(ErrorCode.EINTR));
    }
}
