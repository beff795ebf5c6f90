package dev.zmq4j.pipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.zmq4j.msg.Frame;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Order, content, visibility, rollback, view lifetime and the wake-up protocol of {@link FrameQueue}. Single-thread
 * tests play writer and reader in turn, so every interleaving is exact; a seeded random test compares the queue with
 * an {@link ArrayDeque} model; two-thread tests check the same properties under real concurrency, waiting only on
 * each other's progress, never on time.
 *
 * <p>Frame content is derived from a sequence number ({@link #fill}), so a frame read can be checked without keeping
 * the one written.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FrameQueueTest {
    /** Seven KiB: nine fit a full arena (63 KiB), the tenth ends the chunk early. */
    private static final int SEVEN_KIB = 7 * 1024;

    private final FrameQueue queue = new FrameQueue();
    private final Frame view = new Frame();
    private ExecutorService executor;

    @AfterEach
    void tearDown() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    // ---- visibility ----------------------------------------------------------------------------------------------

    @Test
    void shouldShowNothingBeforeFlush() {
        queue.write(owned(1, 10, 0), false);
        queue.write(owned(2, 10_000, 0), false);

        assertThat(queue.read(view)).isFalse();
        assertThat(queue.peekFlags()).isEqualTo(-1);

        assertThat(queue.flush())
                .as("the reader went to sleep before this flush")
                .isFalse();
        assertRead(1, 10, 0);
        assertRead(2, 10_000, 0);
        assertThat(queue.read(view)).isFalse();
    }

    @Test
    void shouldHideIncompleteFramesUntilTheMessageIsCompleteAndFlushed() {
        queue.write(owned(1, 5, Frame.MORE), true);
        queue.write(owned(2, 20_000, Frame.MORE), true);
        assertThat(queue.flush()).isTrue();
        assertThat(queue.read(view)).as("incomplete frames are not flushed").isFalse();

        queue.write(owned(3, 7, 0), false);
        assertThat(queue.read(view)).as("complete but not flushed").isFalse();

        assertThat(queue.flush()).isFalse();
        assertRead(1, 5, Frame.MORE);
        assertRead(2, 20_000, Frame.MORE);
        assertRead(3, 7, 0);

        queue.write(owned(4, 3, Frame.MORE), true);
        assertThat(queue.flush())
                .as("nothing complete to publish, so no wake-up")
                .isTrue();
        assertThat(queue.read(view)).isFalse();
    }

    @Test
    void shouldPreserveOrderContentAndFlagsForEverySizeAsViewsAndOwnedFrames() {
        int[] sizes = {0, 1, 255, 1024, FrameQueue.INLINE_MAX, FrameQueue.INLINE_MAX + 1, 100_000};
        int[] flags = {0, Frame.MORE, Frame.COMMAND, Frame.ROUTING_ID | Frame.MORE, Frame.DELIMITER};
        List<int[]> written = new ArrayList<>();
        long seq = 0;
        for (int round = 0; round < 3; round++) {
            for (int size : sizes) {
                for (boolean asView : new boolean[] {false, true}) {
                    int frameFlags = flags[(int) (seq % flags.length)];
                    queue.write(asView ? view(seq, size, frameFlags) : owned(seq, size, frameFlags), false);
                    written.add(new int[] {(int) seq, size, frameFlags});
                    seq++;
                }
            }
        }
        assertThat(queue.flush()).isTrue();

        for (int[] frame : written) {
            assertRead(frame[0], frame[1], frame[2]);
        }
        assertThat(queue.read(view)).isFalse();
    }

    @Test
    void shouldPassALargeOwnedFrameByReference() {
        byte[] array = new byte[FrameQueue.INLINE_MAX + 1];
        fill(array, 0, array.length, 7);
        queue.write(new Frame(array, Frame.MORE), false);
        queue.flush();

        assertThat(queue.read(view)).isTrue();
        assertThat(view.array()).isSameAs(array);
        assertThat(view.isOwned()).isTrue();
        assertThat(view.flags()).isEqualTo(Frame.MORE);
        assertContent(view, 7, array.length);
    }

    @Test
    void shouldCopyALargeView() {
        int size = 100_000;
        byte[] source = new byte[size + 20];
        fill(source, 10, size, 8);
        queue.write(new Frame().setView(source, 10, size, 0), false);
        Arrays.fill(source, (byte) 0x5A);
        queue.flush();

        assertThat(queue.read(view)).isTrue();
        assertThat(view.array()).isNotSameAs(source);
        assertThat(view.size()).isEqualTo(size);
        assertContent(view, 8, size);
    }

    @Test
    void shouldCopySmallFramesWhetherOwnedOrViews() {
        byte[] ownedArray = new byte[FrameQueue.INLINE_MAX];
        fill(ownedArray, 0, ownedArray.length, 1);
        byte[] viewSource = new byte[300];
        fill(viewSource, 5, 255, 2);
        queue.write(new Frame(ownedArray, 0), false);
        queue.write(new Frame().setView(viewSource, 5, 255, 0), false);
        Arrays.fill(ownedArray, (byte) 0x5A);
        Arrays.fill(viewSource, (byte) 0x5A);
        queue.flush();

        assertThat(queue.read(view)).isTrue();
        assertThat(view.array()).isNotSameAs(ownedArray);
        assertContent(view, 1, FrameQueue.INLINE_MAX);
        assertRead(2, 255, 0);
    }

    @Test
    void shouldCopyFramesWrittenFromAByteBuffer() {
        byte[] bytes = new byte[FrameQueue.INLINE_MAX + 110];
        fill(bytes, 3, 100, 1);
        fill(bytes, 103, FrameQueue.INLINE_MAX, 2);
        ByteBuffer source = ByteBuffer.wrap(bytes);
        source.position(3);

        queue.write(source, 100, Frame.MORE, true);
        queue.write(source, FrameQueue.INLINE_MAX, 0, false);
        assertThat(source.position()).isEqualTo(3 + 100 + FrameQueue.INLINE_MAX);
        Arrays.fill(bytes, (byte) 0x5A);
        queue.flush();

        assertRead(1, 100, Frame.MORE);
        assertRead(2, FrameQueue.INLINE_MAX, 0);
    }

    @Test
    void shouldPeekTheFlagsOfTheNextFrameWithoutTakingIt() {
        assertThat(queue.peekFlags()).isEqualTo(-1);
        queue.write(owned(1, 3, Frame.COMMAND), false);
        queue.write(owned(2, 3, Frame.ROUTING_ID), false);
        assertThat(queue.flush()).as("peekFlags put the reader to sleep").isFalse();

        assertThat(queue.peekFlags()).isEqualTo(Frame.COMMAND);
        assertThat(queue.peekFlags()).isEqualTo(Frame.COMMAND);
        assertRead(1, 3, Frame.COMMAND);
        assertThat(queue.peekFlags()).isEqualTo(Frame.ROUTING_ID);
        assertRead(2, 3, Frame.ROUTING_ID);
        assertThat(queue.peekFlags()).isEqualTo(-1);
    }

    // ---- chunks, arenas and rollback -------------------------------------------------------------------------------

    @Test
    void shouldCrossChunkBoundariesWithReadsInterleaved() {
        Random random = new Random(11);
        long written = 0;
        long read = 0;
        while (written < 20 * FrameQueue.ENTRIES) {
            int batch = random.nextInt(2 * FrameQueue.ENTRIES);
            for (int i = 0; i < batch; i++, written++) {
                queue.write(owned(written, sizeOf(written), 0), false);
            }
            queue.flush();
            int reads = random.nextInt((int) (written - read) + 1);
            for (int i = 0; i < reads; i++, read++) {
                assertRead(read, sizeOf(read), 0);
            }
        }
        for (; read < written; read++) {
            assertRead(read, sizeOf(read), 0);
        }
        assertThat(queue.read(view)).isFalse();
    }

    @Test
    void shouldEndChunksEarlyWhenTheirArenaIsFull() {
        int frames = 10 * FrameQueue.ENTRIES;
        for (int i = 0; i < frames; i++) {
            int size = i % 3 == 2 ? 10 : SEVEN_KIB;
            queue.write(i % 2 == 0 ? owned(i, size, 0) : view(i, size, 0), false);
            if (i % 50 == 0) {
                queue.flush();
            }
        }
        queue.flush();
        for (int i = 0; i < frames; i++) {
            assertRead(i, i % 3 == 2 ? 10 : SEVEN_KIB, 0);
        }
        assertThat(queue.read(view)).isFalse();
    }

    @Test
    void shouldEndAChunkEarlyAtItsLastEntry() {
        // 118 empty frames and nine of 7 KiB fill entries 0..126; the tenth 7 KiB frame puts the chunk end at 127.
        long seq = 0;
        for (int i = 0; i < FrameQueue.ENTRIES - 10; i++) {
            queue.write(owned(seq++, 0, 0), false);
        }
        for (int i = 0; i < 12; i++) {
            queue.write(owned(seq++, SEVEN_KIB, 0), false);
        }
        queue.flush();
        for (long i = 0; i < seq; i++) {
            assertRead(i, i < FrameQueue.ENTRIES - 10 ? 0 : SEVEN_KIB, 0);
        }
        assertThat(queue.read(view)).isFalse();
    }

    @Test
    void shouldRefuseToUnwriteACompleteFrame() {
        assertThat(queue.unwrite()).isFalse();
        queue.write(owned(1, 10, 0), false);
        assertThat(queue.unwrite()).isFalse();
        queue.write(owned(2, 10, Frame.MORE), true);
        assertThat(queue.unwrite()).isTrue();
        assertThat(queue.unwrite()).isFalse();
        queue.flush();
        assertRead(1, 10, 0);
        assertThat(queue.read(view)).isFalse();
    }

    @Test
    void shouldUnwriteRightAfterAChunkSwitch() {
        long seq = 0;
        for (int i = 0; i < FrameQueue.ENTRIES - 1; i++) {
            queue.write(owned(seq++, 20, 0), false);
        }
        queue.flush();
        for (long i = 0; i < seq; i++) {
            assertRead(i, 20, 0);
        }
        assertThat(queue.read(view))
                .as("the reader sleeps at the last entry of the first chunk")
                .isFalse();

        // The last entry of the chunk is written incomplete, which switches chunks; take it back.
        queue.write(owned(1000, 30, Frame.MORE), true);
        assertThat(queue.unwrite()).isTrue();
        // Twice across the boundary: the last entry and the first one of the next chunk.
        queue.write(owned(1001, 40, Frame.MORE), true);
        queue.write(owned(1002, 20_000, Frame.MORE), true);
        assertThat(queue.unwrite()).isTrue();
        assertThat(queue.unwrite()).isTrue();
        assertThat(queue.unwrite()).isFalse();
        assertThat(queue.flush()).as("nothing complete to publish").isTrue();

        queue.write(owned(seq, 50, Frame.MORE), true);
        queue.write(owned(seq + 1, 60, 0), false);
        assertThat(queue.flush()).isFalse();
        assertRead(seq, 50, Frame.MORE);
        assertRead(seq + 1, 60, 0);
        assertThat(queue.read(view)).isFalse();

        // A full chunk, then an incomplete frame at the first entry of the next one.
        seq += 2;
        long first = seq;
        while (seq < first + FrameQueue.ENTRIES) {
            queue.write(owned(seq++, 20, 0), false);
        }
        queue.write(owned(2000, 70, Frame.MORE), true);
        assertThat(queue.unwrite()).isTrue();
        queue.write(owned(seq, 80, 0), false);
        assertThat(queue.flush()).isFalse();
        for (long i = first; i < seq; i++) {
            assertRead(i, 20, 0);
        }
        assertRead(seq, 80, 0);
        assertThat(queue.read(view)).isFalse();
    }

    @Test
    void shouldUnwriteAFrameThatEndedItsChunkEarly() {
        for (int i = 0; i < 9; i++) {
            queue.write(owned(i, SEVEN_KIB, 0), false);
        }
        queue.flush();
        assertRead(0, SEVEN_KIB, 0);

        // The tenth does not fit the 64 KiB arena: the chunk ends early and the frame goes to the next chunk.
        queue.write(view(100, SEVEN_KIB, Frame.MORE), true);
        queue.write(owned(101, 5, Frame.MORE), true);
        assertThat(queue.unwrite()).isTrue();
        assertThat(queue.unwrite()).isTrue();
        assertThat(queue.unwrite()).isFalse();

        // A small frame fits the arena again, so the chunk goes on where the chunk end was.
        queue.write(owned(9, 100, 0), false);
        // Early end again, then rolled back and replaced by a frame that fits.
        queue.write(owned(102, SEVEN_KIB, Frame.MORE), true);
        assertThat(queue.unwrite()).isTrue();
        queue.write(owned(10, 200, Frame.MORE), true);
        queue.write(owned(11, SEVEN_KIB, 0), false);
        queue.flush();

        for (int i = 1; i < 9; i++) {
            assertRead(i, SEVEN_KIB, 0);
        }
        assertRead(9, 100, 0);
        assertRead(10, 200, Frame.MORE);
        assertRead(11, SEVEN_KIB, 0);
        assertThat(queue.read(view)).isFalse();
    }

    @Test
    void shouldUnwriteAnIncompleteMessageSpanningSeveralChunksAndChunkEnds() {
        queue.write(owned(0, 10, 0), false);
        Random random = new Random(5);
        int incomplete = 0;
        for (; incomplete < 3 * FrameQueue.ENTRIES; incomplete++) {
            int size = random.nextInt(4) == 0 ? SEVEN_KIB : random.nextInt(100);
            queue.write(owned(1000 + incomplete, size, Frame.MORE), true);
            if (incomplete % 40 == 0) {
                assertThat(queue.flush()).isTrue();
            }
        }
        for (int i = 0; i < incomplete; i++) {
            assertThat(queue.unwrite()).as("unwrite %d", i).isTrue();
        }
        assertThat(queue.unwrite()).isFalse();
        queue.write(owned(1, 20, 0), false);
        queue.flush();

        assertRead(0, 10, 0);
        assertRead(1, 20, 0);
        assertThat(queue.read(view)).isFalse();
    }

    @Test
    void shouldBehaveLikeADequeUnderRandomWritesUnwritesFlushesAndReads() {
        for (long seed = 1; seed <= 4; seed++) {
            runModel(seed, 150_000);
        }
    }

    private void runModel(long seed, int operations) {
        FrameQueue queue = new FrameQueue();
        Frame view = new Frame();
        Random random = new Random(seed);
        ArrayDeque<Expected> readable = new ArrayDeque<>();
        ArrayDeque<Expected> unflushed = new ArrayDeque<>();
        ArrayDeque<Expected> incomplete = new ArrayDeque<>();
        boolean readerAsleep = false;
        Expected lastRead = null;
        long seq = 0;
        int readPercent = 50;
        int incompletePercent = 30;
        for (int op = 0; op < operations; op++) {
            if (op % 500 == 0) {
                readPercent = new int[] {5, 30, 50, 70, 90}[random.nextInt(5)];
                incompletePercent = new int[] {0, 30, 60, 95}[random.nextInt(4)];
            }
            String where = "seed " + seed + ", operation " + op;
            if (lastRead != null) {
                assertThat(bytesOf(view))
                        .as("%s: the last frame read is intact", where)
                        .isEqualTo(lastRead.content);
            }
            int choice = random.nextInt(100);
            if (choice < readPercent) {
                if (random.nextInt(10) == 0) {
                    int flags = queue.peekFlags();
                    if (readable.isEmpty()) {
                        assertThat(flags).as(where).isEqualTo(-1);
                        readerAsleep = true;
                    } else {
                        assertThat(flags).as(where).isEqualTo(readable.peekFirst().flags);
                    }
                    continue;
                }
                boolean read = queue.read(view);
                if (readable.isEmpty()) {
                    assertThat(read).as(where).isFalse();
                    readerAsleep = true;
                    lastRead = null;
                } else {
                    Expected expected = readable.pollFirst();
                    assertThat(read).as(where).isTrue();
                    assertThat(view.flags()).as(where).isEqualTo(expected.flags);
                    assertThat(bytesOf(view)).as(where).isEqualTo(expected.content);
                    lastRead = expected;
                }
            } else if (choice < readPercent + (100 - readPercent) * 3 / 4) {
                boolean last = random.nextInt(100) >= incompletePercent;
                Expected expected = new Expected(seq, randomSize(random), last ? 0 : Frame.MORE);
                writeRandomKind(queue, random, seq, expected, !last);
                seq++;
                if (last) {
                    unflushed.addAll(incomplete);
                    incomplete.clear();
                    unflushed.add(expected);
                } else {
                    incomplete.add(expected);
                }
            } else if (choice < readPercent + (100 - readPercent) * 7 / 8) {
                boolean all = random.nextInt(4) == 0;
                do {
                    boolean unwritten = queue.unwrite();
                    assertThat(unwritten).as(where).isEqualTo(!incomplete.isEmpty());
                    if (!unwritten) {
                        break;
                    }
                    incomplete.removeLast();
                } while (all);
            } else {
                boolean wake = readerAsleep && !unflushed.isEmpty();
                assertThat(queue.flush()).as("%s: flush", where).isEqualTo(!wake);
                if (wake) {
                    readerAsleep = false;
                }
                readable.addAll(unflushed);
                unflushed.clear();
            }
        }
    }

    private static int randomSize(Random random) {
        int r = random.nextInt(100);
        if (r < 35) {
            return random.nextInt(65);
        }
        if (r < 55) {
            return 65 + random.nextInt(1500);
        }
        if (r < 80) {
            return 6000 + random.nextInt(FrameQueue.INLINE_MAX - 6000 + 1);
        }
        if (r < 90) {
            return SEVEN_KIB;
        }
        return FrameQueue.INLINE_MAX + 1 + random.nextInt(20_000);
    }

    private static void writeRandomKind(
            FrameQueue queue, Random random, long seq, Expected expected, boolean incomplete) {
        int size = expected.content.length;
        int kind = random.nextInt(3);
        if (kind == 0) {
            queue.write(owned(seq, size, expected.flags), incomplete);
        } else if (kind == 1 || size > FrameQueue.INLINE_MAX) {
            queue.write(view(seq, size, expected.flags), incomplete);
        } else {
            ByteBuffer source = ByteBuffer.wrap(view(seq, size, 0).array()).position(13);
            queue.write(source, size, expected.flags, incomplete);
        }
    }

    // ---- view lifetime ---------------------------------------------------------------------------------------------

    @Test
    void shouldKeepTheFrameReadIntactUntilTheNextRead() {
        Random random = new Random(21);
        long written = 0;
        long read = 0;
        long lastRead = -1;
        for (int round = 0; round < 300; round++) {
            int batch = random.nextInt(400);
            for (int i = 0; i < batch; i++, written++) {
                queue.write(owned(written, sizeOf(written), 0), false);
                if (lastRead >= 0 && i % 37 == 0) {
                    queue.flush();
                    assertContent(view, lastRead, sizeOf(lastRead));
                }
            }
            queue.flush();
            if (lastRead >= 0) {
                assertContent(view, lastRead, sizeOf(lastRead));
            }
            // Fewer frames written after each read than read, so the backlog stays bounded.
            int backlog = (int) (written - read);
            int reads = random.nextBoolean() ? backlog : random.nextInt(backlog + 1);
            for (int i = 0; i < reads; i++, read++) {
                assertThat(queue.read(view)).isTrue();
                assertContent(view, read, sizeOf(read));
                lastRead = read;
                int after = random.nextInt(3) == 0 ? 1 + random.nextInt(2) : 0;
                for (int j = 0; j < after; j++, written++) {
                    queue.write(view(written, sizeOf(written), 0), false);
                }
                queue.flush();
                assertContent(view, read, sizeOf(read));
            }
        }
    }

    @Test
    void shouldKeepTheLastFrameOfAChunkIntactWhileTheWriterReusesChunks() {
        long written = 0;
        for (; written < FrameQueue.ENTRIES; written++) {
            queue.write(owned(written, 100, 0), false);
        }
        queue.flush();
        long read = 0;
        for (; read < written; read++) {
            assertRead(read, 100, 0);
        }
        // The frame just read is the last one of its chunk, which the reader has left.
        for (int i = 0; i < 300; i++, written++) {
            queue.write(owned(written, 1000, 0), false);
        }
        queue.flush();
        assertContent(view, read - 1, 100);

        for (int round = 0; round < 20; round++) {
            for (long end = written; read < end; read++) {
                assertRead(read, 1000, 0);
                if (read % 127 == 0) {
                    // Write a hundred frames while holding this view; spare chunks are reused meanwhile.
                    for (int j = 0; j < 100; j++, written++) {
                        queue.write(owned(written, 1000, 0), false);
                    }
                    queue.flush();
                    assertContent(view, read, 1000);
                }
            }
            for (int i = 0; i < 300; i++, written++) {
                queue.write(owned(written, 1000, 0), false);
            }
            queue.flush();
            assertContent(view, read - 1, 1000);
        }
    }

    @Test
    void shouldKeepTheFrameBeforeAPeekedChunkEndIntact() {
        for (int i = 0; i < 10; i++) {
            queue.write(owned(i, SEVEN_KIB, 0), false);
        }
        queue.flush();
        for (int i = 0; i < 9; i++) {
            assertRead(i, SEVEN_KIB, 0);
        }
        // The next entry is the chunk end: peeking skips it and leaves the chunk that holds the frame read.
        assertThat(queue.peekFlags()).isEqualTo(0);
        for (int i = 0; i < 500; i++) {
            queue.write(owned(10 + i, SEVEN_KIB, 0), false);
            if (i % 10 == 0) {
                queue.flush();
            }
        }
        assertContent(view, 8, SEVEN_KIB);
        queue.flush();
        for (int i = 9; i < 510; i++) {
            assertRead(i, SEVEN_KIB, 0);
        }
    }

    @Test
    void shouldKeepEachViewIntactWhileTheProducerWritesWholeChunksAfterIt() throws Exception {
        // Tiny frames written in bursts of whole chunks, so frame i is entry i % ENTRIES of its chunk and each burst
        // is written while the reader holds the last frame of the previous one, the last entry of a chunk. The
        // bursts grow (1, 2, ... 15 chunks), so each one goes through all the spare chunks: a chunk released too
        // early would be written over. Spares only accumulate, so each round starts with a new queue.
        Random plan = new Random(37);
        for (int round = 0; round < 8; round++) {
            int bursts = 15;
            int frames = FrameQueue.ENTRIES * bursts * (bursts + 1) / 2;
            int[] sizes = new int[frames];
            long[] allowances = new long[frames];
            long allowance = FrameQueue.ENTRIES;
            for (int i = 0, burst = 1; i < frames; i++) {
                sizes[i] = plan.nextInt(65);
                if (i == allowance - 1) {
                    allowance += (long) FrameQueue.ENTRIES * ++burst;
                }
                allowances[i] = Math.min(frames, allowance);
            }
            exchangeHeldViews(new FrameQueue(), sizes, allowances, FrameQueue.ENTRIES);
        }
    }

    @Test
    void shouldKeepEachViewIntactWhileTheProducerWritesAfterIt() throws Exception {
        // Frames of all inline sizes, so chunks end early; a few frames written after each read, sometimes hundreds,
        // now and then thousands.
        int frames = 300_000;
        int[] sizes = new int[frames];
        long[] allowances = new long[frames];
        Random plan = new Random(31);
        long allowance = 1;
        for (int i = 0; i < frames; i++) {
            int r = plan.nextInt(10);
            sizes[i] = r < 7 ? plan.nextInt(65) : r < 9 ? SEVEN_KIB : 1000 + plan.nextInt(FrameQueue.INLINE_MAX - 999);
            int l = plan.nextInt(50);
            allowance = Math.max(allowance, i + 1 + plan.nextInt(l == 0 ? 4000 : l < 10 ? 400 : 40));
            allowances[i] = Math.min(frames, allowance);
        }
        exchangeHeldViews(queue, sizes, allowances, 1);
    }

    /**
     * A producer writes frame i (content derived from i) once i is below the allowance; the consumer reads frame i,
     * raises the allowance to {@code allowances[i]}, waits until the producer has written that far, and only then
     * checks the frame it holds.
     */
    private void exchangeHeldViews(FrameQueue queue, int[] sizes, long[] allowances, long firstAllowance)
            throws Exception {
        int frames = sizes.length;
        AtomicLong allowed = new AtomicLong(firstAllowance);
        AtomicLong written = new AtomicLong();
        if (executor == null) {
            executor = Executors.newFixedThreadPool(2);
        }

        Future<?> producer = executor.submit(() -> {
            for (int i = 0; i < frames; i++) {
                while (i >= allowed.get()) {
                    spinOnce();
                }
                queue.write(i % 2 == 0 ? owned(i, sizes[i], 0) : view(i, sizes[i], 0), false);
                queue.flush();
                written.set(i + 1);
            }
            return null;
        });
        Future<?> consumer = executor.submit(() -> {
            Frame view = new Frame();
            for (int i = 0; i < frames; i++) {
                while (!queue.read(view)) {
                    checkAlive(producer, written, i);
                    spinOnce();
                }
                allowed.set(allowances[i]);
                while (written.get() < allowances[i]) {
                    checkAlive(producer, written, i);
                    spinOnce();
                }
                assertThat(view.size()).as("frame %d", i).isEqualTo(sizes[i]);
                assertContent(view, i, sizes[i]);
            }
            return null;
        });

        consumer.get(60, TimeUnit.SECONDS);
        producer.get(10, TimeUnit.SECONDS);
        assertThat(queue.read(new Frame())).isFalse();
    }

    /** One turn of a busy wait for the other thread; gives up when the test is over (the executor interrupts). */
    private static void spinOnce() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Thread.yield();
    }

    private static void checkAlive(Future<?> producer, AtomicLong written, long frame) {
        if (producer.isDone() && written.get() <= frame) {
            fail("producer stopped after %d frames while the consumer waits for frame %d", written.get(), frame);
        }
    }

    // ---- memory ----------------------------------------------------------------------------------------------------

    @Test
    void shouldLeaveChunksBeyondTheSparesToTheGarbageCollectorAfterABurst() {
        // A burst of 200 chunks (nine 7 KiB frames fill a 64 KiB arena), all written before the reader reads.
        int chunks = 200;
        byte[] payload = new byte[SEVEN_KIB];
        for (int i = 0; i < 9 * chunks; i++) {
            queue.write(new Frame(payload, 0), false);
        }
        queue.flush();
        // An inline frame read is a view onto its chunk's arena: watch one arena per chunk.
        List<WeakReference<byte[]>> arenas = new ArrayList<>();
        for (int i = 0; i < 9 * chunks; i++) {
            assertThat(queue.read(view)).isTrue();
            if (i % 9 == 0) {
                arenas.add(new WeakReference<>(view.array()));
            }
        }
        assertThat(queue.read(view)).isFalse();
        view.setOwned(new byte[0], 0);

        // The idle queue may keep its spares and the chunk the writer is in; the rest must be collectable.
        long reachable = arenas.size();
        for (int attempt = 0; attempt < 20 && reachable > FrameQueue.SPARES + 2; attempt++) {
            System.gc();
            reachable = arenas.stream().filter(arena -> arena.get() != null).count();
        }
        assertThat(reachable)
                .as("arenas still reachable from the drained queue")
                .isLessThanOrEqualTo(FrameQueue.SPARES + 2);
    }

    // ---- wake-up protocol ------------------------------------------------------------------------------------------

    @Test
    void shouldReturnFalseFromFlushOnlyOnceAfterTheReaderWentToSleep() {
        queue.write(owned(1, 1, 0), false);
        assertThat(queue.flush()).as("the reader never looked").isTrue();
        queue.write(owned(2, 1, 0), false);
        assertThat(queue.flush()).as("the reader still never looked").isTrue();

        assertRead(1, 1, 0);
        queue.write(owned(3, 1, 0), false);
        assertThat(queue.flush()).as("the reader is awake, with frames left").isTrue();
        assertRead(2, 1, 0);
        assertRead(3, 1, 0);
        assertThat(queue.flush()).as("nothing new to flush").isTrue();

        assertThat(queue.read(view)).isFalse();
        assertThat(queue.read(view)).as("asleep twice is one sleep").isFalse();
        assertThat(queue.flush()).as("nothing new: the reader stays asleep").isTrue();
        queue.write(owned(4, 1, Frame.MORE), true);
        assertThat(queue.flush())
                .as("only an incomplete frame: the reader stays asleep")
                .isTrue();
        queue.write(owned(5, 1, 0), false);
        assertThat(queue.flush()).as("the reader slept").isFalse();
        queue.write(owned(6, 1, 0), false);
        assertThat(queue.flush()).as("the reader was already woken").isTrue();
        assertThat(queue.flush()).isTrue();

        assertRead(4, 1, Frame.MORE);
        assertRead(5, 1, 0);
        assertRead(6, 1, 0);
        assertThat(queue.peekFlags())
                .as("peeking an empty queue is a sleep too")
                .isEqualTo(-1);
        queue.write(owned(7, 1, 0), false);
        assertThat(queue.flush()).isFalse();
        assertRead(7, 1, 0);

        // Sleeping after reading everything at a chunk end, through chunk switches.
        for (int i = 0; i < 9; i++) {
            queue.write(owned(100 + i, SEVEN_KIB, 0), false);
        }
        assertThat(queue.flush()).isTrue();
        for (int i = 0; i < 9; i++) {
            assertRead(100 + i, SEVEN_KIB, 0);
        }
        assertThat(queue.read(view)).isFalse();
        queue.write(owned(109, SEVEN_KIB, 0), false);
        assertThat(queue.flush()).isFalse();
        assertRead(109, SEVEN_KIB, 0);
        assertThat(queue.read(view)).isFalse();
    }

    // ---- two threads -----------------------------------------------------------------------------------------------

    @Test
    void shouldDeliverAMillionFramesInOrderAndWholeMessagesAcrossThreads() throws Exception {
        int frames = 1_200_000;
        long seed = 42;
        int[] sizes = new int[frames];
        int[] flags = new int[frames];
        Random plan = new Random(seed);
        int i = 0;
        while (i < frames) {
            int length = Math.min(frames - i, plan.nextInt(10) < 7 ? 1 : 2 + plan.nextInt(4));
            for (int j = 0; j < length; j++, i++) {
                sizes[i] = stressSize(plan);
                int extra = plan.nextInt(20) == 0 ? Frame.ROUTING_ID : 0;
                flags[i] = extra | (j < length - 1 ? Frame.MORE : 0);
            }
        }
        int maxAhead = 20_000;
        AtomicLong consumed = new AtomicLong();
        AtomicLong falseFlushes = new AtomicLong();
        Semaphore wakeUps = new Semaphore(0);
        executor = Executors.newFixedThreadPool(2);

        Future<?> producer = executor.submit(() -> {
            Random random = new Random(seed + 1);
            byte[] scratch = new byte[80 * 1024];
            ByteBuffer scratchBuffer = ByteBuffer.wrap(scratch);
            int seq = 0;
            while (seq < frames) {
                if (seq - consumed.get() > maxAhead) {
                    flushAndWake(queue, falseFlushes, wakeUps);
                    while (seq - consumed.get() > maxAhead) {
                        spinOnce();
                    }
                }
                if (random.nextInt(30) == 0) {
                    // A message abandoned half-way, maybe across chunks, maybe with a flush in between.
                    int abandoned = 1 + random.nextInt(random.nextInt(8) == 0 ? 300 : 5);
                    for (int k = 0; k < abandoned; k++) {
                        int size = stressSize(random);
                        writeStressFrame(queue, random, scratch, scratchBuffer, -1 - k, size, Frame.MORE, true);
                        if (random.nextInt(50) == 0) {
                            flushAndWake(queue, falseFlushes, wakeUps);
                        }
                    }
                    for (int k = 0; k < abandoned; k++) {
                        if (!queue.unwrite()) {
                            throw new AssertionError("unwrite refused frame " + k + " of " + abandoned);
                        }
                    }
                    if (queue.unwrite()) {
                        throw new AssertionError("unwrite took back a complete frame before " + seq);
                    }
                }
                do {
                    boolean last = (flags[seq] & Frame.MORE) == 0;
                    writeStressFrame(queue, random, scratch, scratchBuffer, seq, sizes[seq], flags[seq], !last);
                    seq++;
                    if (!last && random.nextInt(20) == 0) {
                        flushAndWake(queue, falseFlushes, wakeUps);
                    }
                } while ((flags[seq - 1] & Frame.MORE) != 0);
                if (random.nextInt(4) == 0) {
                    flushAndWake(queue, falseFlushes, wakeUps);
                }
            }
            flushAndWake(queue, falseFlushes, wakeUps);
            return null;
        });
        Future<Long> consumer = executor.submit(() -> {
            Random random = new Random(seed + 2);
            Frame view = new Frame();
            long sleeps = 0;
            boolean inMessage = false;
            int seq = 0;
            while (seq < frames) {
                boolean available;
                if (random.nextInt(8) == 0) {
                    int peeked = queue.peekFlags();
                    available = peeked != -1;
                    if (available && peeked != flags[seq]) {
                        throw new AssertionError(
                                "peeked flags " + peeked + " of frame " + seq + ", expected " + flags[seq]);
                    }
                    if (available && !queue.read(view)) {
                        throw new AssertionError("no frame " + seq + " after its flags were peeked");
                    }
                } else {
                    available = queue.read(view);
                }
                if (!available) {
                    if (inMessage) {
                        throw new AssertionError("message torn: frame " + seq + " is missing after a MORE frame");
                    }
                    sleeps++;
                    if (!wakeUps.tryAcquire(60, TimeUnit.SECONDS)) {
                        throw new AssertionError("no wake-up while waiting for frame " + seq);
                    }
                    continue;
                }
                if (view.size() != sizes[seq] || view.flags() != flags[seq]) {
                    throw new AssertionError(
                            "frame " + seq + ": " + view + ", expected " + sizes[seq] + " B, flags=" + flags[seq]);
                }
                int mismatch = firstMismatch(view, seq);
                if (mismatch >= 0) {
                    throw new AssertionError("frame " + seq + " (" + view + ") differs at byte " + mismatch);
                }
                inMessage = view.hasMore();
                seq++;
                consumed.set(seq);
            }
            return sleeps;
        });

        long sleeps = consumer.get(100, TimeUnit.SECONDS);
        producer.get(10, TimeUnit.SECONDS);
        assertThat(queue.read(view)).isFalse();
        assertThat(falseFlushes.get()).as("one wake-up per sleep").isEqualTo(sleeps);
        assertThat(wakeUps.availablePermits()).isZero();
    }

    private static int stressSize(Random random) {
        int r = random.nextInt(1000);
        if (r < 900) {
            return random.nextInt(65);
        }
        if (r < 997) {
            return 1024 + random.nextInt(7 * 1024 + 1);
        }
        return 10 * 1024 + random.nextInt(60 * 1024 + 1);
    }

    private static void writeStressFrame(
            FrameQueue queue,
            Random random,
            byte[] scratch,
            ByteBuffer scratchBuffer,
            long seq,
            int size,
            int flags,
            boolean incomplete) {
        int kind = random.nextInt(3);
        if (kind == 0) {
            queue.write(owned(seq, size, flags), incomplete);
        } else if (kind == 1 || size > FrameQueue.INLINE_MAX) {
            int offset = random.nextInt(1024);
            fill(scratch, offset, size, seq);
            queue.write(new Frame().setView(scratch, offset, size, flags), incomplete);
            // The queue copied it: scribble over the source.
            Arrays.fill(scratch, offset, offset + size, (byte) 0x5A);
        } else {
            int offset = random.nextInt(1024);
            fill(scratch, offset, size, seq);
            scratchBuffer.clear().position(offset);
            queue.write(scratchBuffer, size, flags, incomplete);
            Arrays.fill(scratch, offset, offset + size, (byte) 0x5A);
        }
    }

    private static void flushAndWake(FrameQueue queue, AtomicLong falseFlushes, Semaphore wakeUps) {
        if (!queue.flush()) {
            falseFlushes.incrementAndGet();
            wakeUps.release();
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private record Expected(byte[] content, int flags) {
        Expected(long seq, int size, int flags) {
            this(FrameQueueTest.content(seq, size), flags);
        }
    }

    /** Sizes that mix empty, small, arena-filling and by-reference frames, by sequence number. */
    private static int sizeOf(long seq) {
        switch ((int) (seq % 7)) {
            case 0:
                return 0;
            case 1:
                return 1;
            case 2:
                return SEVEN_KIB;
            case 3:
                return FrameQueue.INLINE_MAX;
            case 4:
                return FrameQueue.INLINE_MAX + 1;
            case 5:
                return 255;
            default:
                return (int) (seq % 3000);
        }
    }

    private static byte contentByte(long seq, int index) {
        int x = ((int) seq * 131 + index) * 0x9E3779B1;
        return (byte) (x >>> 24 ^ x >>> 13);
    }

    private static void fill(byte[] array, int offset, int size, long seq) {
        for (int i = 0; i < size; i++) {
            array[offset + i] = contentByte(seq, i);
        }
    }

    private static byte[] content(long seq, int size) {
        byte[] content = new byte[size];
        fill(content, 0, size, seq);
        return content;
    }

    private static Frame owned(long seq, int size, int flags) {
        return new Frame(content(seq, size), flags);
    }

    /** A view at an offset into a larger array, with other bytes around it. */
    private static Frame view(long seq, int size, int flags) {
        byte[] array = new byte[size + 29];
        Arrays.fill(array, (byte) 0x77);
        fill(array, 13, size, seq);
        return new Frame().setView(array, 13, size, flags);
    }

    private static int firstMismatch(Frame frame, long seq) {
        byte[] array = frame.array();
        int offset = frame.offset();
        for (int i = 0; i < frame.size(); i++) {
            if (array[offset + i] != contentByte(seq, i)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] bytesOf(Frame frame) {
        return Arrays.copyOfRange(frame.array(), frame.offset(), frame.offset() + frame.size());
    }

    private static void assertContent(Frame frame, long seq, int size) {
        assertThat(frame.size()).as("size of frame %d", seq).isEqualTo(size);
        int mismatch = firstMismatch(frame, seq);
        assertThat(mismatch)
                .as("first differing byte of frame %d (%s)", seq, frame)
                .isEqualTo(-1);
    }

    private void assertRead(long seq, int size, int flags) {
        assertThat(queue.read(view)).as("frame %d readable", seq).isTrue();
        assertThat(view.flags()).as("flags of frame %d", seq).isEqualTo(flags);
        assertContent(view, seq, size);
    }
}
