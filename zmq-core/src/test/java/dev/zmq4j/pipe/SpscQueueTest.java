package dev.zmq4j.pipe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The write/flush/read contract of {@link SpscQueue} and its wake-up protocol: {@code flush} returns false exactly
 * when the reader found the queue empty ({@code checkRead} or {@code read} said no) since the previous flush that
 * published something.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SpscQueueTest {
    private static final int CHUNK = ChunkedQueue.CHUNK_SIZE;

    @Test
    void shouldHideWrittenValuesUntilFlushed() {
        SpscQueue<String> queue = new SpscQueue<>();
        queue.write("a", false);
        queue.write("b", false);

        assertThat(queue.checkRead()).isFalse();
        assertThat(queue.peek()).isNull();
        assertThat(queue.read()).isNull();

        assertThat(queue.flush()).as("the reader went to sleep and must be woken").isFalse();
        assertThat(queue.peek()).isEqualTo("a");
        assertThat(queue.read()).isEqualTo("a");
        assertThat(queue.read()).isEqualTo("b");
        assertThat(queue.read()).isNull();
    }

    @Test
    void shouldNotAskForAWakeUpWhenTheReaderNeverLookedAtTheQueue() {
        SpscQueue<String> queue = new SpscQueue<>();
        queue.write("a", false);

        assertThat(queue.flush()).isTrue();
        assertThat(queue.read()).isEqualTo("a");
    }

    @Test
    void shouldNotAskForAWakeUpWhileTheReaderStillHasValuesToRead() {
        SpscQueue<String> queue = new SpscQueue<>();
        queue.write("a", false);
        queue.write("b", false);
        assertThat(queue.flush()).isTrue();
        assertThat(queue.read()).isEqualTo("a");

        queue.write("c", false);
        assertThat(queue.flush()).as("the reader is busy, b is still unread").isTrue();
        assertThat(queue.read()).isEqualTo("b");
        assertThat(queue.read()).isEqualTo("c");
    }

    @Test
    void shouldAskForAWakeUpOncePerSleep() {
        SpscQueue<Integer> queue = new SpscQueue<>();
        assertThat(queue.checkRead()).isFalse();
        assertThat(queue.checkRead()).as("asking again while asleep").isFalse();

        queue.write(1, false);
        assertThat(queue.flush()).isFalse();
        queue.write(2, false);
        assertThat(queue.flush()).as("the reader was already signalled and has not slept since").isTrue();

        assertThat(queue.read()).isEqualTo(1);
        assertThat(queue.read()).isEqualTo(2);
        assertThat(queue.read()).isNull();

        queue.write(3, false);
        assertThat(queue.flush()).as("the reader slept again").isFalse();
        assertThat(queue.read()).isEqualTo(3);
    }

    @Test
    void shouldNotAskForAWakeUpWhenNothingNewIsFlushed() {
        SpscQueue<Integer> queue = new SpscQueue<>();
        assertThat(queue.checkRead()).isFalse();

        assertThat(queue.flush()).as("an empty flush wakes nobody").isTrue();
        queue.write(1, true);
        assertThat(queue.flush()).as("an incomplete value is not published").isTrue();
        assertThat(queue.checkRead()).isFalse();

        queue.write(2, false);
        assertThat(queue.flush()).isFalse();
        assertThat(queue.read()).isEqualTo(1);
        assertThat(queue.read()).isEqualTo(2);
    }

    @Test
    void shouldKeepIncompleteValuesInvisibleUntilACompleteOneIsWrittenAndFlushed() {
        SpscQueue<String> queue = new SpscQueue<>();
        queue.write("m1", false);
        queue.write("part1", true);
        queue.write("part2", true);
        queue.flush();

        assertThat(queue.read()).isEqualTo("m1");
        assertThat(queue.checkRead()).as("the incomplete message is not flushed").isFalse();

        queue.write("part3", false);
        assertThat(queue.checkRead()).as("written but not flushed").isFalse();
        assertThat(queue.flush()).isFalse();
        assertThat(queue.read()).isEqualTo("part1");
        assertThat(queue.read()).isEqualTo("part2");
        assertThat(queue.read()).isEqualTo("part3");
        assertThat(queue.read()).isNull();
    }

    @Test
    void shouldRollBackOnlyTheIncompleteTail() {
        SpscQueue<String> queue = new SpscQueue<>();
        queue.write("complete", false);
        queue.write("x", true);
        queue.write("y", true);

        assertThat(queue.unwrite()).isEqualTo("y");
        assertThat(queue.unwrite()).isEqualTo("x");
        assertThat(queue.unwrite()).as("a complete value is never taken back").isNull();

        queue.write("next", false);
        assertThat(queue.unwrite()).isNull();
        queue.flush();
        assertThat(queue.read()).isEqualTo("complete");
        assertThat(queue.read()).isEqualTo("next");
        assertThat(queue.read()).isNull();
    }

    @Test
    void shouldRollBackAnIncompleteRunThatSpansChunks() {
        SpscQueue<Integer> queue = new SpscQueue<>();
        queue.write(-1, false);
        queue.flush();
        assertThat(queue.read()).isEqualTo(-1);

        for (int i = 0; i < 3 * CHUNK; i++) {
            queue.write(i, true);
        }
        for (int i = 3 * CHUNK - 1; i >= 0; i--) {
            assertThat(queue.unwrite()).isEqualTo(i);
        }
        assertThat(queue.unwrite()).isNull();
        queue.write(42, false);
        assertThat(queue.flush()).isTrue();
        assertThat(queue.read()).isEqualTo(42);
        assertThat(queue.read()).isNull();
    }

    @Test
    void shouldDeliverEverythingInOrderAcrossManyChunkBoundaries() {
        Random random = new Random(7);
        SpscQueue<Integer> queue = new SpscQueue<>();
        List<Integer> received = new ArrayList<>();
        int next = 0;
        boolean readerAsleep = false;
        int wakeUps = 0;
        for (int round = 0; round < 2_000; round++) {
            int messages = random.nextInt(20);
            for (int m = 0; m < messages; m++) {
                int frames = 1 + random.nextInt(random.nextInt(10) == 0 ? CHUNK + 3 : 4);
                for (int f = 0; f < frames; f++) {
                    queue.write(next++, f < frames - 1);
                }
                if (random.nextInt(5) == 0) {
                    int abandoned = 1 + random.nextInt(CHUNK + 1);
                    for (int a = 0; a < abandoned; a++) {
                        queue.write(-1, true);
                    }
                    for (int a = 0; a < abandoned; a++) {
                        assertThat(queue.unwrite()).isEqualTo(-1);
                    }
                }
            }
            boolean flushed = queue.flush();
            assertThat(flushed).as("round %d", round).isEqualTo(!(readerAsleep && messages > 0));
            if (!flushed) {
                wakeUps++;
                readerAsleep = false;
            }
            if (!readerAsleep) {
                int reads = random.nextInt(3 * CHUNK);
                for (int r = 0; r < reads; r++) {
                    Integer value = queue.read();
                    if (value == null) {
                        readerAsleep = true;
                        break;
                    }
                    received.add(value);
                }
            }
        }
        assertThat(wakeUps).isPositive();
        Integer value;
        while ((value = queue.read()) != null) {
            received.add(value);
        }
        assertThat(received).hasSize(next);
        for (int i = 0; i < next; i++) {
            assertThat(received.get(i)).isEqualTo(i);
        }
    }

    /**
     * One producer, one consumer. Messages of random length (Integers counting up) with abandoned, rolled-back runs
     * in between; the consumer sleeps on a semaphore whenever {@code read} returns null, and the producer releases
     * it exactly when {@code flush} returns false. A lost wake-up makes the consumer time out; a spurious one (a
     * permit without data) or a surplus permit at the end fails the test too.
     */
    @Test
    void shouldDeliverMillionsOfValuesInOrderBetweenTwoThreadsUsingTheWakeUpProtocol() throws Exception {
        int total = 2_000_000;
        long seed = 20240601L;
        SpscQueue<Integer> queue = new SpscQueue<>();
        Semaphore readerWakeUp = new Semaphore(0);
        AtomicLong wakeUps = new AtomicLong();

        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
            Random lengths = new Random(seed);
            Random noise = new Random(seed + 1);
            int next = 0;
            while (next < total) {
                int messages = 1 + noise.nextInt(64);
                for (int m = 0; m < messages && next < total; m++) {
                    int frames = Math.min(messageLength(lengths), total - next);
                    for (int f = 0; f < frames; f++) {
                        queue.write(next++, f < frames - 1);
                    }
                    if (noise.nextInt(16) == 0) {
                        int abandoned = 1 + noise.nextInt(300);
                        for (int a = 0; a < abandoned; a++) {
                            queue.write(-1, true);
                        }
                        for (int a = 0; a < abandoned; a++) {
                            queue.unwrite();
                        }
                    }
                }
                if (!queue.flush()) {
                    wakeUps.incrementAndGet();
                    readerWakeUp.release();
                }
            }
        }, runnable -> new Thread(runnable, "spsc-producer").start());

        CompletableFuture<Integer> consumer = CompletableFuture.supplyAsync(() -> {
            Random lengths = new Random(seed);
            int expected = 0;
            int messageStart = 0;
            int messageEnd = Math.min(messageLength(lengths), total);
            boolean justWoken = false;
            while (expected < total) {
                Integer value = queue.read();
                if (value == null) {
                    if (justWoken) {
                        throw new AssertionError("woken with nothing to read at " + expected);
                    }
                    if (expected != messageStart) {
                        throw new AssertionError("saw part of the message " + messageStart + ".." + messageEnd
                                + ": stopped at " + expected);
                    }
                    awaitPermit(readerWakeUp, expected);
                    justWoken = true;
                    continue;
                }
                justWoken = false;
                if (value != expected) {
                    throw new AssertionError("expected " + expected + " but read " + value);
                }
                expected++;
                if (expected == messageEnd && expected < total) {
                    messageStart = messageEnd;
                    messageEnd = Math.min(messageEnd + messageLength(lengths), total);
                }
            }
            return expected;
        }, runnable -> new Thread(runnable, "spsc-consumer").start());

        producer.get(50, TimeUnit.SECONDS);
        assertThat(consumer.get(50, TimeUnit.SECONDS)).isEqualTo(total);
        assertThat(readerWakeUp.availablePermits()).as("one wake-up per sleep, no more").isZero();
    }

    private static int messageLength(Random lengths) {
        return lengths.nextInt(8) == 0 ? 1 + lengths.nextInt(600) : 1 + lengths.nextInt(4);
    }

    private static void awaitPermit(Semaphore readerWakeUp, int position) {
        try {
            if (!readerWakeUp.tryAcquire(20, TimeUnit.SECONDS)) {
                throw new AssertionError("lost wake-up: the consumer stalled at " + position);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
