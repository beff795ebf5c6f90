package dev.zmq4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.core.Command;
import dev.zmq4j.core.CommandTarget;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The I/O thread's loop: commands wake it, timers fire on it, Stop ends it, and an idle one does not spin. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IoThreadTest {

    @Test
    void shouldRunCommandsSentToItsMailboxOnItsOwnThreadAndStopOnStop() throws Exception {
        IoThread ioThread = new IoThread(null, "io-under-test");
        ioThread.start();
        try {
            Probe probe = new Probe(ioThread);
            for (int i = 0; i < 3; i++) {
                ioThread.mailbox().send(new Command.Stop(probe));
                assertThat(probe.ranOn.poll(20, TimeUnit.SECONDS)).isEqualTo("io-under-test");
            }
        } finally {
            ioThread.mailbox().send(new Command.Stop(ioThread));
            ioThread.join();
        }
        assertThat(ioThread.isAlive()).isFalse();
    }

    /**
     * A timer set by a command handler (a delayed connecter's processPlug, an engine's handshake timer set from
     * processAttach, a session's linger timer from processTerm) must fire, even though nothing else wakes the
     * selector: the loop must look at the timer heap after executing commands, or a session that lost its peer
     * never reconnects on its own.
     */
    @Test
    void shouldFireATimerSetByACommandHandler() throws Exception {
        IoThread ioThread = new IoThread(null, "io-timers");
        ioThread.start();
        try {
            CountDownLatch fired = new CountDownLatch(1);
            CompletableFuture<Integer> timerId = new CompletableFuture<>();
            Probe probe = new Probe(
                    ioThread,
                    () -> ioThread.addTimer(
                            5,
                            id -> {
                                timerId.complete(id);
                                fired.countDown();
                            },
                            42));
            ioThread.mailbox().send(new Command.Stop(probe));

            assertThat(fired.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(timerId.get()).isEqualTo(42);
        } finally {
            ioThread.mailbox().send(new Command.Stop(ioThread));
            ioThread.join();
        }
    }

    /** A loop that is never started can be stepped by hand: each turn reports the work it did. */
    @Test
    void shouldRunOneTurnAtATimeWhenSteppedByHand() throws Exception {
        IoThread ioThread = new IoThread(null, "io-stepped");
        try {
            assertThat(ioThread.runOnce(0)).as("nothing to do").isZero();

            Probe probe = new Probe(ioThread);
            ioThread.mailbox().send(new Command.Stop(probe));
            ioThread.mailbox().send(new Command.Stop(probe));
            assertThat(ioThread.runOnce(0)).as("two commands").isEqualTo(2);
            String self = Thread.currentThread().getName();
            assertThat(probe.ranOn).as("on the stepping thread").containsExactly(self, self);

            CompletableFuture<Integer> fired = new CompletableFuture<>();
            ioThread.addTimer(1, fired::complete, 7);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int work = 0;
            while (!fired.isDone() && System.nanoTime() < deadline) {
                // Bounded waits: the timer's deadline wakes the selector, nothing sleeps.
                work += ioThread.runOnce(50);
            }
            assertThat(fired.getNow(-1)).isEqualTo(7);
            assertThat(work).as("the timer counts as work").isEqualTo(1);
        } finally {
            ioThread.closeSelector();
        }
    }

    /**
     * An I/O thread serving connected but silent sockets must block in its selector, not poll. Thread CPU time
     * over a half-second idle window measures idleness without depending on how fast the machine is.
     */
    @Test
    void shouldNotSpinWhileItsSocketsAreIdle() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadCpuTimeSupported(), "thread CPU time is not supported by this JVM");
        if (!threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }

        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        try (Context context = Context.create(1);
                Socket pull = context.socket(SocketType.PULL);
                Socket push = context.socket(SocketType.PUSH)) {
            pull.set(SocketOption.LINGER, 0);
            push.set(SocketOption.LINGER, 0);
            pull.set(SocketOption.RCVTIMEO, 20_000);
            pull.bind("tcp://127.0.0.1:*");
            push.connect(pull.lastEndpoint());
            push.send("hello");
            assertThat(pull.recvString()).as("the connection is up").isEqualTo("hello");

            Map<Thread, Long> started = new HashMap<>();
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (!before.contains(thread) && thread.getName().startsWith("zmq4j-")) {
                    started.put(thread, threads.getThreadCpuTime(thread.getId()));
                }
            }
            assertThat(started.keySet()).extracting(Thread::getName).contains("zmq4j-io-1");

            Thread.sleep(500); // the measurement window, not synchronisation

            for (Map.Entry<Thread, Long> entry : started.entrySet()) {
                long now = threads.getThreadCpuTime(entry.getKey().getId());
                assumeTrue(now >= 0 && entry.getValue() >= 0, "CPU time unavailable for " + entry.getKey());
                assertThat(TimeUnit.NANOSECONDS.toMillis(now - entry.getValue()))
                        .as(
                                "CPU ms used by %s in 500 ms of idleness",
                                entry.getKey().getName())
                        .isLessThan(50);
            }
        }
    }

    /** Runs an action on the I/O thread when it receives Stop, and records which thread that was. */
    private static final class Probe extends CommandTarget {
        final java.util.concurrent.BlockingQueue<String> ranOn = new java.util.concurrent.LinkedBlockingQueue<>();
        private final Runnable action;

        Probe(IoThread thread) {
            this(thread, () -> {});
        }

        Probe(IoThread thread, Runnable action) {
            super(thread);
            this.action = action;
        }

        @Override
        protected void processStop() {
            action.run();
            ranOn.add(Thread.currentThread().getName());
        }
    }
}
