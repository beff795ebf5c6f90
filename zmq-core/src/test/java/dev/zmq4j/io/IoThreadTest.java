package dev.zmq4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.core.Command;
import dev.zmq4j.core.CommandTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
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

    /** A handler that throws loses its own channel; the loop, and every other channel on it, go on. */
    @Test
    void shouldGiveUpOnlyTheHandlerWhoseEventThrew() throws Exception {
        IoThread ioThread = new IoThread(null, "io-failing-handler");
        Pipe broken = Pipe.open();
        Pipe healthy = Pipe.open();
        try {
            ChannelHandler failing = new ChannelHandler(broken.source(), new IllegalStateException("injected"));
            ChannelHandler working = new ChannelHandler(healthy.source(), null);
            failing.register(ioThread);
            working.register(ioThread);
            broken.sink().write(ByteBuffer.wrap(new byte[] {1}));
            healthy.sink().write(ByteBuffer.wrap(new byte[] {2}));

            stepUntil(ioThread, () -> failing.failure != null && working.reads > 0, "both channels served");
            assertThat(failing.failure).hasMessage("injected");

            healthy.sink().write(ByteBuffer.wrap(new byte[] {3}));
            stepUntil(ioThread, () -> working.reads > 1, "the healthy channel served again");
            assertThat(failing.failures).as("the failed handler was told once").isEqualTo(1);
        } finally {
            ioThread.closeSelector();
            closeAll(broken, healthy);
        }
    }

    /** A timer or a command that throws is reported to its owner, and the rest of the turn still runs. */
    @Test
    void shouldReportAFailingTimerOrCommandAndRunTheRest() throws Exception {
        IoThread ioThread = new IoThread(null, "io-failing-timer");
        try {
            List<Throwable> timerFailures = new ArrayList<>();
            ioThread.addTimer(
                    1,
                    new TimerHandler() {
                        @Override
                        public void timerEvent(int timerId) {
                            throw new OutOfMemoryError("injected");
                        }

                        @Override
                        public void handlerFailed(Throwable failure) {
                            timerFailures.add(failure);
                        }
                    },
                    1);
            CompletableFuture<Integer> other = new CompletableFuture<>();
            ioThread.addTimer(1, other::complete, 2);
            stepUntil(ioThread, other::isDone, "the second timer");
            assertThat(timerFailures).singleElement().isInstanceOf(OutOfMemoryError.class);

            Probe failing = new Probe(ioThread, () -> {
                throw new IllegalArgumentException("injected");
            });
            Probe next = new Probe(ioThread);
            ioThread.mailbox().send(new Command.Stop(failing));
            ioThread.mailbox().send(new Command.Stop(next));
            stepUntil(ioThread, () -> !next.ranOn.isEmpty(), "the command after the failing one");
            assertThat(failing.failures).singleElement().isInstanceOf(IllegalArgumentException.class);
        } finally {
            ioThread.closeSelector();
        }
    }

    /** An Error it cannot survive ends the thread, and the channels it served are closed, not left open. */
    @Test
    void shouldCloseItsChannelsWhenItDies() throws Exception {
        IoThread ioThread = new IoThread(null, "io-dying");
        Pipe pipe = Pipe.open();
        try {
            ChannelHandler handler = dieOn(ioThread, pipe, new LinkageError("injected"));
            assertThat(handler.failures)
                    .as("an Error it cannot survive is no handler failure")
                    .isZero();
        } finally {
            closeAll(pipe);
        }
    }

    /**
     * Logging the death can fail with the very Error the thread died of (the JVM throws preallocated
     * OutOfMemoryErrors; a log handler may rethrow what it was given): the channels are closed all the same. The
     * thread once tried to add the Error to itself as suppressed, which threw and skipped the clean-up (found by
     * ConnectingSocketFuzzTest).
     */
    @Test
    void shouldCloseItsChannelsWhenItDiesEvenIfLoggingRethrowsTheSameError() throws Exception {
        IoThread ioThread = new IoThread(null, "io-dying-twice");
        Pipe pipe = Pipe.open();
        LinkageError fatal = new LinkageError("injected, and rethrown by the log handler");
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(IoThread.class.getName());
        java.util.logging.Handler rethrowing = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record.getThrown() == fatal) {
                    throw fatal;
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.addHandler(rethrowing);
        try {
            dieOn(ioThread, pipe, fatal);
        } finally {
            logger.removeHandler(rethrowing);
            closeAll(pipe);
        }
    }

    /**
     * Starts {@code ioThread} serving a handler that throws {@code fatal} once {@code pipe} is readable, makes it
     * readable, and checks that the thread ended with the handler's channel closed.
     */
    private static ChannelHandler dieOn(IoThread ioThread, Pipe pipe, Throwable fatal) throws Exception {
        CountDownLatch registered = new CountDownLatch(1);
        ChannelHandler handler = new ChannelHandler(pipe.source(), fatal);
        ioThread.mailbox().send(new Command.Stop(new Probe(ioThread, () -> {
            handler.register(ioThread);
            registered.countDown();
        })));
        ioThread.start();
        assertThat(registered.await(20, TimeUnit.SECONDS)).isTrue();

        pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
        ioThread.join(20_000);
        assertThat(ioThread.isAlive()).as("the thread ended").isFalse();
        assertThat(pipe.source().isOpen()).as("its channel is closed").isFalse();
        return handler;
    }

    private static void stepUntil(IoThread ioThread, BooleanSupplier condition, String what) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline).as("within 20 s: " + what).isTrue();
            ioThread.runOnce(50);
        }
    }

    private static void closeAll(Pipe... pipes) throws IOException {
        for (Pipe pipe : pipes) {
            pipe.sink().close();
            pipe.source().close();
        }
    }

    /** Reads its channel when readable, or throws the given failure instead. */
    private static final class ChannelHandler implements IoHandler {
        private final Pipe.SourceChannel channel;
        private final Throwable toThrow;
        int reads;
        int failures;
        Throwable failure;

        ChannelHandler(Pipe.SourceChannel channel, Throwable toThrow) {
            this.channel = channel;
            this.toThrow = toThrow;
        }

        void register(IoThread ioThread) {
            try {
                channel.configureBlocking(false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Interest.add(ioThread.register(channel, this), SelectionKey.OP_READ);
        }

        @Override
        public void inEvent() {
            if (toThrow instanceof RuntimeException) {
                throw (RuntimeException) toThrow;
            }
            if (toThrow instanceof Error) {
                throw (Error) toThrow;
            }
            try {
                channel.read(ByteBuffer.allocate(16));
                reads++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void outEvent() {}

        @Override
        public void timerEvent(int timerId) {}

        @Override
        public void handlerFailed(Throwable failure) {
            this.failure = failure;
            failures++;
            try {
                // As an engine does: give up the channel.
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Runs an action on the I/O thread when it receives Stop, and records which thread that was. */
    private static final class Probe extends CommandTarget {
        final java.util.concurrent.BlockingQueue<String> ranOn = new java.util.concurrent.LinkedBlockingQueue<>();
        private final Runnable action;
        final List<Throwable> failures = new ArrayList<>();

        Probe(IoThread thread) {
            this(thread, () -> {});
        }

        Probe(IoThread thread, Runnable action) {
            super(thread);
            this.action = action;
        }

        @Override
        public void commandFailed(Throwable failure) {
            failures.add(failure);
        }

        @Override
        protected void processStop() {
            action.run();
            ranOn.add(Thread.currentThread().getName());
        }
    }
}
