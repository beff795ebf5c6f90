package dev.zmq4j.pipe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.msg.Frame;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ConflatingQueue}: only the latest flushed message is readable, whole; the frame read last stays intact
 * until the next read; the delimiter comes after the latest message; the wake-up protocol matches
 * {@link FrameQueue}'s. Single-thread tests play both sides in turn; one two-thread test runs the real exchange.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConflatingQueueTest {
    private final ConflatingQueue queue = new ConflatingQueue();
    private final Frame view = new Frame();
    private ExecutorService executor;

    @AfterEach
    void tearDown() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private static Frame text(String text, int flags) {
        return new Frame(text.getBytes(StandardCharsets.UTF_8), flags);
    }

    private String readText() {
        assertThat(queue.read(view)).as("a frame is readable").isTrue();
        return new String(view.array(), view.offset(), view.size(), StandardCharsets.UTF_8);
    }

    @Test
    void shouldKeepOnlyTheLatestFlushedMessage() {
        for (int i = 0; i < 1000; i++) {
            queue.write(text("m" + i, 0), false);
            queue.flush();
        }
        assertThat(readText()).isEqualTo("m999");
        assertThat(queue.read(view)).as("nothing after the latest").isFalse();
    }

    @Test
    void shouldReplaceAnUnflushedMessageWithTheNextOne() {
        queue.write(text("first", 0), false);
        queue.write(text("second", 0), false);
        queue.flush();
        assertThat(readText()).isEqualTo("second");
        assertThat(queue.read(view)).isFalse();
    }

    @Test
    void shouldShowNothingBeforeFlushAndAskForAWakeUpOnce() {
        assertThat(queue.read(view)).isFalse();
        queue.write(text("a", 0), false);
        assertThat(queue.peekFlags()).as("not flushed yet").isEqualTo(-1);
        assertThat(queue.flush())
                .as("the reader went to sleep before this flush")
                .isFalse();
        queue.write(text("b", 0), false);
        assertThat(queue.flush()).as("the reader was already woken").isTrue();
        assertThat(readText()).isEqualTo("b");
    }

    @Test
    void shouldKeepAMultipartMessageWhole() {
        queue.write(text("old-head", Frame.MORE), true);
        queue.write(text("old-tail", 0), false);
        queue.flush();
        queue.write(text("head", Frame.MORE), true);
        queue.flush(); // publishes nothing: the message is incomplete
        queue.write(text("body", Frame.MORE), true);
        queue.write(text("tail", 0), false);
        queue.flush();
        assertThat(queue.peekFlags()).isEqualTo(Frame.MORE);
        assertThat(readText()).isEqualTo("head");
        assertThat(view.hasMore()).isTrue();
        assertThat(readText()).isEqualTo("body");
        assertThat(readText()).isEqualTo("tail");
        assertThat(view.hasMore()).isFalse();
        assertThat(queue.read(view)).isFalse();
    }

    @Test
    void shouldUnwriteOnlyAnIncompleteMessage() {
        queue.write(text("kept", 0), false);
        assertThat(queue.unwrite()).as("a complete message stays").isFalse();
        queue.flush();
        queue.write(text("half", Frame.MORE), true);
        queue.write(text("more", Frame.MORE), true);
        assertThat(queue.unwrite()).isTrue();
        assertThat(queue.unwrite()).isTrue();
        assertThat(queue.unwrite()).isFalse();
        queue.flush();
        assertThat(readText()).isEqualTo("kept");
        assertThat(queue.read(view)).isFalse();
    }

    @Test
    void shouldDeliverTheLatestMessageBeforeTheDelimiter() {
        queue.write(text("last words", 0), false);
        queue.flush();
        queue.write(Frame.delimiter(), false);
        queue.flush();
        assertThat(readText()).isEqualTo("last words");
        assertThat(queue.peekFlags()).isEqualTo(Frame.DELIMITER);
        assertThat(queue.read(view)).isTrue();
        assertThat(view.isDelimiter()).isTrue();
    }

    @Test
    void shouldWakeASleepingReaderForTheDelimiter() {
        assertThat(queue.read(view)).isFalse();
        queue.write(Frame.delimiter(), false);
        assertThat(queue.flush()).isFalse();
        assertThat(queue.read(view)).isTrue();
        assertThat(view.isDelimiter()).isTrue();
    }

    @Test
    void shouldKeepTheFrameReadIntactWhileTheWriterGoesOn() {
        queue.write(text("read me", 0), false);
        queue.flush();
        assertThat(readText()).isEqualTo("read me");
        byte[] array = view.array();
        int offset = view.offset();
        queue.write(text("peeked", 0), false);
        queue.flush();
        // The peek takes the new message in, and the slot holding the view becomes the reader's spare.
        assertThat(queue.peekFlags()).isZero();
        for (int i = 0; i < 10; i++) {
            // The writer cycles through every slot it can get; the one holding the view is not among them.
            queue.write(text("overwrite " + i, 0), false);
            queue.flush();
        }
        assertThat(new String(array, offset, 7, StandardCharsets.UTF_8)).isEqualTo("read me");
        assertThat(readText()).as("a peeked message is the reader's").isEqualTo("peeked");
        assertThat(readText()).isEqualTo("overwrite 9");
    }

    @Test
    void shouldHandOverALargeOwnedFrame() {
        byte[] large = new byte[FrameQueue.INLINE_MAX + 1];
        queue.write(new Frame(large, 0), false);
        queue.flush();
        assertThat(queue.read(view)).isTrue();
        assertThat(view.array()).isSameAs(large);
    }

    @Test
    void shouldDeliverIncreasingMessagesEndingWithTheLastAcrossThreads() throws Exception {
        int messages = 1_000_000;
        Semaphore wakeUps = new Semaphore(0);
        executor = Executors.newFixedThreadPool(2);
        Future<?> writer = executor.submit(() -> {
            for (int i = 0; i < messages; i++) {
                // Two frames: a message must never arrive torn or mixed with another.
                queue.write(new Frame(number(i), Frame.MORE), true);
                queue.write(new Frame(number(i), 0), false);
                if (!queue.flush()) {
                    wakeUps.release();
                }
            }
            return null;
        });
        Future<Integer> reader = executor.submit(() -> {
            Frame frame = new Frame();
            int last = -1;
            int received = 0;
            while (last < messages - 1) {
                if (!queue.read(frame)) {
                    if (!wakeUps.tryAcquire(30, TimeUnit.SECONDS)) {
                        throw new AssertionError("no wake-up after message " + last);
                    }
                    continue;
                }
                int head = numberOf(frame);
                if (!frame.hasMore() || head <= last) {
                    throw new AssertionError("head " + head + " after " + last + ", more=" + frame.hasMore());
                }
                if (!queue.read(frame) || frame.hasMore() || numberOf(frame) != head) {
                    throw new AssertionError("message " + head + " is torn");
                }
                last = head;
                received++;
            }
            return received;
        });
        writer.get(60, TimeUnit.SECONDS);
        assertThat(reader.get(60, TimeUnit.SECONDS)).isBetween(1, messages);
    }

    private static byte[] number(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    private static int numberOf(Frame frame) {
        byte[] a = frame.array();
        int o = frame.offset();
        return (a[o] & 0xFF) << 24 | (a[o + 1] & 0xFF) << 16 | (a[o + 2] & 0xFF) << 8 | a[o + 3] & 0xFF;
    }
}
