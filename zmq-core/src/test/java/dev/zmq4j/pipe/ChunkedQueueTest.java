package dev.zmq4j.pipe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Single-threaded behaviour of the chunk list under {@link SpscQueue}: order, positions, rollback at boundaries. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ChunkedQueueTest {
    private static final int CHUNK = ChunkedQueue.CHUNK_SIZE;

    @Test
    void shouldPopValuesInPushOrderAcrossManyChunks() {
        ChunkedQueue<Integer> queue = new ChunkedQueue<>();
        int count = CHUNK * 10 + 7;
        for (int i = 0; i < count; i++) {
            queue.push(i);
        }
        assertThat(queue.backPosition()).isEqualTo(count);

        for (int i = 0; i < count; i++) {
            assertThat(queue.frontPosition()).isEqualTo(i);
            assertThat(queue.front()).isEqualTo(i);
            assertThat(queue.pop()).isEqualTo(i);
        }
        assertThat(queue.frontPosition()).isEqualTo(queue.backPosition());
    }

    @Test
    void shouldUnpushTheValueJustBeforeAChunkBoundary() {
        ChunkedQueue<Integer> queue = new ChunkedQueue<>();
        for (int i = 0; i < CHUNK; i++) {
            queue.push(i);
        }
        // The back has just moved into a fresh chunk; unpush must step back into the full one.
        assertThat(queue.unpush()).isEqualTo(CHUNK - 1);
        assertThat(queue.unpush()).isEqualTo(CHUNK - 2);
        assertThat(queue.backPosition()).isEqualTo(CHUNK - 2);

        queue.push(-1);
        queue.push(-2);
        queue.push(-3);
        for (int i = 0; i < CHUNK - 2; i++) {
            assertThat(queue.pop()).isEqualTo(i);
        }
        assertThat(queue.pop()).isEqualTo(-1);
        assertThat(queue.pop()).isEqualTo(-2);
        assertThat(queue.pop()).isEqualTo(-3);
        assertThat(queue.frontPosition()).isEqualTo(queue.backPosition()).isEqualTo(CHUNK + 1);
    }

    @Test
    void shouldUnpushBackThroughSeveralChunks() {
        ChunkedQueue<Integer> queue = new ChunkedQueue<>();
        queue.push(0);
        assertThat(queue.pop()).isEqualTo(0);
        for (int i = 1; i <= CHUNK * 3; i++) {
            queue.push(i);
        }
        for (int i = CHUNK * 3; i > 1; i--) {
            assertThat(queue.unpush()).isEqualTo(i);
        }
        assertThat(queue.backPosition()).isEqualTo(2);
        assertThat(queue.front()).isEqualTo(1);
        assertThat(queue.pop()).isEqualTo(1);
        assertThat(queue.frontPosition()).isEqualTo(queue.backPosition());
    }

    @Test
    void shouldMatchADequeUnderRandomPushUnpushAndPopOverManyChunkBoundaries() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            ChunkedQueue<Integer> queue = new ChunkedQueue<>();
            Deque<Integer> model = new ArrayDeque<>();
            int next = 0;
            for (int step = 0; step < 20_000; step++) {
                int action = random.nextInt(10);
                if (action < 5) {
                    // Runs long enough to cross a chunk in one go now and then.
                    int run = random.nextInt(random.nextInt(8) == 0 ? 2 * CHUNK : 8) + 1;
                    for (int i = 0; i < run; i++) {
                        queue.push(next);
                        model.addLast(next++);
                    }
                } else if (action < 7) {
                    // Unpush only what the reader has not taken (the writer never rolls back flushed values).
                    int run = Math.min(model.size(), random.nextInt(CHUNK + 10));
                    for (int i = 0; i < run; i++) {
                        assertThat(queue.unpush()).as("seed %d step %d", seed, step).isEqualTo(model.removeLast());
                    }
                } else {
                    int run = Math.min(model.size(), random.nextInt(2 * CHUNK));
                    for (int i = 0; i < run; i++) {
                        assertThat(queue.front()).isEqualTo(model.peekFirst());
                        assertThat(queue.pop()).as("seed %d step %d", seed, step).isEqualTo(model.removeFirst());
                    }
                }
                assertThat(queue.backPosition() - queue.frontPosition()).isEqualTo(model.size());
            }
            while (!model.isEmpty()) {
                assertThat(queue.pop()).isEqualTo(model.removeFirst());
            }
        }
    }

    @Test
    void shouldKeepWorkingWhenTheReaderRecyclesChunksTheWriterReuses() {
        ChunkedQueue<Integer> queue = new ChunkedQueue<>();
        // Lockstep: the reader empties each chunk right after the writer fills it, so the spare is reused each time.
        int value = 0;
        int expected = 0;
        for (int round = 0; round < 100; round++) {
            for (int i = 0; i < CHUNK + round % 3; i++) {
                queue.push(value++);
            }
            while (queue.frontPosition() < queue.backPosition()) {
                assertThat(queue.pop()).isEqualTo(expected++);
            }
        }
        assertThat(expected).isEqualTo(value);
    }
}
