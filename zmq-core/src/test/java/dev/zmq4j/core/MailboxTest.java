package dev.zmq4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.ZmqException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Ordering, blocking waits and the "asleep" flag of {@link Mailbox}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MailboxTest {

    @Test
    void shouldDeliverTheCommandsOfEverySenderInTheOrderItSentThem() throws Exception {
        int senders = 8;
        int perSender = 50_000;
        Mailbox mailbox = new Mailbox("many-writers");
        Target[] targets = new Target[senders];
        for (int s = 0; s < senders; s++) {
            targets[s] = new Target(mailbox);
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            Target target = targets[s];
            Thread thread = new Thread(
                    () -> {
                        awaitQuietly(start);
                        for (int i = 0; i < perSender; i++) {
                            // The linger field carries the sender's sequence number; the command is never dispatched.
                            mailbox.send(new Command.Term(target, i));
                        }
                    },
                    "sender-" + s);
            thread.start();
            threads.add(thread);
        }

        start.countDown();
        int[] nextExpected = new int[senders];
        for (int received = 0; received < senders * perSender; received++) {
            Command command = mailbox.await(TimeUnit.SECONDS.toNanos(20));
            assertThat(command).as("command %d arrived", received).isNotNull();
            Command.Term term = (Command.Term) command;
            int sender = indexOf(targets, term.destination());
            assertThat(term.linger()).as("sender %d", sender).isEqualTo(nextExpected[sender]);
            nextExpected[sender]++;
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(thread.isAlive()).isFalse();
        }
        assertThat(nextExpected).containsOnly(perSender);
        assertThat(mailbox.poll()).isNull();
    }

    @Test
    void shouldReturnNullWhenNothingArrivesBeforeTheTimeout() {
        Mailbox mailbox = new Mailbox("idle");
        assertThat(mailbox.await(0)).isNull();
        assertThat(mailbox.await(TimeUnit.MILLISECONDS.toNanos(20))).isNull();

        Command command = new Command.Stop(new Target(mailbox));
        mailbox.send(command);
        assertThat(mailbox.await(TimeUnit.MILLISECONDS.toNanos(20))).isSameAs(command);
    }

    @Test
    void shouldWakeAReaderBlockedWithoutTimeout() throws Exception {
        Mailbox mailbox = new Mailbox("blocked");
        CompletableFuture<Command> received = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    try {
                        received.complete(mailbox.await(-1));
                    } catch (Throwable t) {
                        received.completeExceptionally(t);
                    }
                },
                "blocked-reader");
        reader.start();
        awaitParkedOn(reader, mailbox);

        Command command = new Command.Stop(new Target(mailbox));
        mailbox.send(command);

        assertThat(received.get(20, TimeUnit.SECONDS)).isSameAs(command);
        reader.join(TimeUnit.SECONDS.toMillis(20));
    }

    @Test
    void shouldFailWithEintrWhenTheWaitingThreadIsInterrupted() {
        Mailbox mailbox = new Mailbox("interrupted");
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> mailbox.await(-1))
                    .isInstanceOf(ZmqException.class)
                    .satisfies(e -> assertThat(((ZmqException) e).code()).isEqualTo(ErrorCode.EINTR))
                    .hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted())
                    .as("the interrupt flag stays set")
                    .isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void shouldNotCallTheWakeupWhileTheReaderIsAwake() {
        Mailbox mailbox = new Mailbox("awake");
        AtomicInteger wakeUps = new AtomicInteger();
        mailbox.setWakeup(wakeUps::incrementAndGet);
        Target target = new Target(mailbox);

        for (int i = 0; i < 100; i++) {
            mailbox.send(new Command.Stop(target));
        }
        assertThat(wakeUps).hasValue(0);
        assertThat(drain(mailbox)).isEqualTo(100);
    }

    @Test
    void shouldCallTheWakeupOnceForABurstAfterTheReaderPreparedToSleep() {
        Mailbox mailbox = new Mailbox("sleepy");
        AtomicInteger wakeUps = new AtomicInteger();
        mailbox.setWakeup(wakeUps::incrementAndGet);
        Target target = new Target(mailbox);

        assertThat(mailbox.prepareToSleep()).isTrue();
        for (int i = 0; i < 100; i++) {
            mailbox.send(new Command.Stop(target));
        }
        assertThat(wakeUps).as("one wake-up for the whole burst").hasValue(1);

        mailbox.awake();
        mailbox.send(new Command.Stop(target));
        assertThat(wakeUps).as("the reader is awake again").hasValue(1);
        assertThat(drain(mailbox)).isEqualTo(101);

        assertThat(mailbox.prepareToSleep()).isTrue();
        mailbox.send(new Command.Stop(target));
        mailbox.send(new Command.Stop(target));
        assertThat(wakeUps).as("a second sleep costs a second wake-up").hasValue(2);
        mailbox.awake();
        assertThat(drain(mailbox)).isEqualTo(2);
    }

    @Test
    void shouldRefuseToSleepWhenACommandIsAlreadyWaiting() {
        Mailbox mailbox = new Mailbox("busy");
        AtomicInteger wakeUps = new AtomicInteger();
        mailbox.setWakeup(wakeUps::incrementAndGet);
        Target target = new Target(mailbox);
        mailbox.send(new Command.Stop(target));

        assertThat(mailbox.prepareToSleep()).isFalse();
        mailbox.send(new Command.Stop(target));
        assertThat(wakeUps).as("the reader stayed awake").hasValue(0);
        assertThat(drain(mailbox)).isEqualTo(2);
    }

    @Test
    void shouldNotCallTheWakeupAfterTheReaderWokeByItself() {
        Mailbox mailbox = new Mailbox("timed-out");
        AtomicInteger wakeUps = new AtomicInteger();
        mailbox.setWakeup(wakeUps::incrementAndGet);

        assertThat(mailbox.prepareToSleep()).isTrue();
        mailbox.awake(); // e.g. the selector returned for I/O or a timer
        mailbox.send(new Command.Stop(new Target(mailbox)));

        assertThat(wakeUps).hasValue(0);
    }

    /**
     * A reader loop like an I/O thread's (drain, prepare to sleep, block until woken, awake) against many senders:
     * no command is ever stranded, and the reader is woken at most once per attempt to sleep (an attempt that
     * {@code prepareToSleep} refuses may still have drawn a wake-up from a sender that raced it).
     */
    @Test
    void shouldNeverStrandACommandWhileSendersRaceTheReaderGoingToSleep() throws Exception {
        int senders = 4;
        int perSender = 50_000;
        Mailbox mailbox = new Mailbox("racing");
        Semaphore wakeUp = new Semaphore(0);
        AtomicInteger wakeUps = new AtomicInteger();
        mailbox.setWakeup(() -> {
            wakeUps.incrementAndGet();
            wakeUp.release();
        });
        Target target = new Target(mailbox);

        CompletableFuture<int[]> reader = CompletableFuture.supplyAsync(
                () -> {
                    int received = 0;
                    int attempts = 0;
                    while (received < senders * perSender) {
                        Command command;
                        while ((command = mailbox.poll()) != null) {
                            received++;
                        }
                        if (received == senders * perSender) {
                            break;
                        }
                        attempts++;
                        if (mailbox.prepareToSleep()) {
                            try {
                                if (!wakeUp.tryAcquire(20, TimeUnit.SECONDS)) {
                                    throw new AssertionError("stranded after " + received + " commands");
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new AssertionError(e);
                            }
                            mailbox.awake();
                        }
                    }
                    return new int[] {received, attempts};
                },
                runnable -> new Thread(runnable, "mailbox-reader").start());

        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            Thread thread = new Thread(
                    () -> {
                        for (int i = 0; i < perSender; i++) {
                            mailbox.send(new Command.Stop(target));
                        }
                    },
                    "racing-sender-" + s);
            thread.start();
            threads.add(thread);
        }

        int[] result = reader.get(50, TimeUnit.SECONDS);
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(20));
        }
        assertThat(result[0]).isEqualTo(senders * perSender);
        assertThat(wakeUps.get()).as("at most one wake-up per attempt to sleep").isLessThanOrEqualTo(result[1]);
    }

    private static int drain(Mailbox mailbox) {
        int count = 0;
        while (mailbox.poll() != null) {
            count++;
        }
        return count;
    }

    private static int indexOf(Target[] targets, CommandTarget target) {
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] == target) {
                return i;
            }
        }
        throw new AssertionError("unknown destination " + target);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits (bounded) until {@code thread} is parked inside {@code mailbox.await}. */
    private static void awaitParkedOn(Thread thread, Mailbox mailbox) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (LockSupport.getBlocker(thread) != mailbox) {
            assertThat(System.nanoTime() - deadline).as("reader parked in time").isNegative();
            Thread.onSpinWait();
        }
    }

    /** A destination the test never dispatches to: commands are only carried. */
    private static final class Target extends Own {
        Target(Mailbox mailbox) {
            super(null, mailbox, new Options());
        }

        @Override
        protected void processDestroy() {}
    }
}
