package dev.zmq4j.pipe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.core.Command;
import dev.zmq4j.core.CommandTarget;
import dev.zmq4j.core.Mailbox;
import dev.zmq4j.msg.Frame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Flow control, wake-ups, multipart atomicity and the termination handshake of a {@link Pipe} pair. Each end is
 * owned by a {@link CommandTarget} with its own mailbox; the test plays both threads by dispatching the mailboxes
 * by hand, so every interleaving is exact.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PipeTest {
    private Owner writerOwner;
    private Owner readerOwner;
    private RecordingSink writerSink;
    private RecordingSink readerSink;

    @BeforeEach
    void setUp() {
        writerOwner = new Owner("writer");
        readerOwner = new Owner("reader");
        writerSink = new RecordingSink();
        readerSink = new RecordingSink();
    }

    @Test
    void shouldRefuseTheMessageAfterTheHighWaterMarkUntilTheReaderReportsLowWaterMarkProgress() {
        Pipe[] pipes = pair(10);
        Pipe writer = pipes[0];
        Pipe reader = pipes[1];

        for (int i = 0; i < 10; i++) {
            assertThat(writer.write(frame("m" + i))).as("message %d", i).isTrue();
        }
        assertThat(writer.write(frame("m10"))).isFalse();
        assertThat(writer.checkWrite()).isFalse();
        writer.flush();

        // Low-water mark of a 10-message pipe: (10 + 1) / 2 = 5.
        for (int i = 0; i < 4; i++) {
            assertThat(text(read(reader))).isEqualTo("m" + i);
        }
        assertThat(writerOwner.pending())
                .as("no progress report before 5 messages")
                .isEmpty();
        assertThat(text(read(reader))).isEqualTo("m4");

        assertThat(writerOwner.pending()).singleElement().isInstanceOf(Command.ActivateWrite.class);
        assertThat(writer.write(frame("early")))
                .as("the report is not processed yet")
                .isFalse();
        writerOwner.dispatchAll();

        assertThat(writerSink.events).containsExactly("writeActivated");
        for (int i = 10; i < 15; i++) {
            assertThat(writer.write(frame("m" + i))).as("message %d", i).isTrue();
        }
        assertThat(writer.write(frame("m15"))).as("10 outstanding again").isFalse();
        writer.flush();

        for (int i = 5; i < 15; i++) {
            assertThat(text(read(reader))).isEqualTo("m" + i);
        }
        assertThat(read(reader)).isNull();
        assertThat(writerSink.events).containsExactly("writeActivated");
    }

    @Test
    void shouldNotSignalWriteActivationToAWriterThatNeverStopped() {
        Pipe[] pipes = pair(10);
        for (int i = 0; i < 5; i++) {
            pipes[0].write(frame("m" + i));
        }
        pipes[0].flush();
        for (int i = 0; i < 5; i++) {
            read(pipes[1]);
        }
        writerOwner.dispatchAll();

        assertThat(writerSink.events).isEmpty();
        for (int i = 0; i < 10; i++) {
            assertThat(pipes[0].write(frame("n" + i)))
                    .as("the report freed 5 slots")
                    .isTrue();
        }
        assertThat(pipes[0].write(frame("full"))).isFalse();
    }

    @Test
    void shouldNeverBlockOrReportProgressWithoutAHighWaterMark() {
        Pipe[] pipes = pair(0);
        for (int i = 0; i < 10_000; i++) {
            assertThat(pipes[0].write(frame("m"))).isTrue();
        }
        pipes[0].flush();
        for (int i = 0; i < 10_000; i++) {
            assertThat(read(pipes[1])).isNotNull();
        }
        assertThat(read(pipes[1])).isNull();
        assertThat(writerOwner.pending()).isEmpty();
    }

    @Test
    void shouldWakeASleepingReaderOncePerSleep() {
        Pipe[] pipes = pair(100);
        Pipe writer = pipes[0];
        Pipe reader = pipes[1];
        assertThat(reader.checkRead()).isFalse();

        writer.write(frame("a"));
        writer.flush();
        writer.write(frame("b"));
        writer.flush();
        assertThat(readerOwner.pending()).singleElement().isInstanceOf(Command.ActivateRead.class);
        assertThat(read(reader)).as("inactive until activate_read is processed").isNull();
        readerOwner.dispatchAll();

        assertThat(readerSink.events).containsExactly("readActivated");
        assertThat(text(read(reader))).isEqualTo("a");
        assertThat(text(read(reader))).isEqualTo("b");
        assertThat(read(reader)).isNull();

        writer.write(frame("c"));
        writer.flush();
        readerOwner.dispatchAll();
        assertThat(readerSink.events).containsExactly("readActivated", "readActivated");
        assertThat(text(read(reader))).isEqualTo("c");
    }

    @Test
    void shouldDeliverAMultipartMessageOnlyWhenItsLastFrameIsWritten() {
        Pipe[] pipes = pair(100);
        Pipe writer = pipes[0];
        Pipe reader = pipes[1];

        writer.write(frame("part1", Frame.MORE));
        writer.write(frame("part2", Frame.MORE));
        writer.flush();
        assertThat(reader.checkRead()).isFalse();
        assertThat(readerOwner.pending()).isEmpty();

        writer.write(frame("part3", 0));
        writer.flush();
        readerOwner.dispatchAll();
        assertThat(readerSink.events).containsExactly("readActivated");

        assertThat(read(reader).hasMore()).isTrue();
        assertThat(read(reader).hasMore()).isTrue();
        Frame last = read(reader);
        assertThat(text(last)).isEqualTo("part3");
        assertThat(last.hasMore()).isFalse();
        assertThat(read(reader)).isNull();
    }

    @Test
    void shouldDropTheFramesOfARolledBackMessage() {
        Pipe[] pipes = pair(100);
        Pipe writer = pipes[0];
        writer.write(frame("kept"));
        writer.write(frame("lost1", Frame.MORE));
        writer.write(frame("lost2", Frame.MORE));
        writer.rollback();
        writer.write(frame("after"));
        writer.flush();

        assertThat(text(read(pipes[1]))).isEqualTo("kept");
        assertThat(text(read(pipes[1]))).isEqualTo("after");
        assertThat(read(pipes[1])).isNull();
    }

    @Test
    void shouldCountMultipartMessagesNotFramesAgainstTheHighWaterMark() {
        Pipe[] pipes = pair(2);
        Pipe writer = pipes[0];
        for (int message = 0; message < 2; message++) {
            assertThat(writer.write(frame("a", Frame.MORE))).isTrue();
            assertThat(writer.write(frame("b", Frame.MORE))).isTrue();
            assertThat(writer.write(frame("c", 0))).isTrue();
        }
        assertThat(writer.write(frame("x", Frame.MORE))).isFalse();
        writer.flush();

        // Low-water mark of 2 is 1: every message read is reported.
        for (int i = 0; i < 3; i++) {
            read(pipes[1]);
        }
        assertThat(writerOwner.pending()).singleElement().isInstanceOf(Command.ActivateWrite.class);
    }

    @Test
    void shouldLetThePeerReadPendingMessagesWhenTerminatedWithDelay() {
        Pipe[] pipes = pair(100);
        Pipe writer = pipes[0];
        Pipe reader = pipes[1];
        writer.write(frame("m1"));
        writer.write(frame("m2"));
        writer.write(frame("half", Frame.MORE));
        writer.flush();

        writer.terminate(true);
        assertThat(writer.write(frame("late"))).isFalse();
        readerOwner.dispatchAll();
        assertThat(readerSink.events).isEmpty();

        assertThat(text(read(reader))).isEqualTo("m1");
        assertThat(text(read(reader))).isEqualTo("m2");
        assertThat(writerOwner.pending())
                .as("the reader has not reached the delimiter")
                .isEmpty();
        assertThat(read(reader))
                .as("the delimiter, the incomplete message is rolled back")
                .isNull();
        assertThat(writerOwner.pending()).singleElement().isInstanceOf(Command.PipeTermAck.class);

        runUntilQuiet();
        assertThat(writerSink.events).containsExactly("pipeTerminated");
        assertThat(readerSink.events).containsExactly("pipeTerminated");
    }

    @Test
    void shouldTakeTheDelimiterWithoutTheReaderWhenNothingIsLeftToRead() {
        Pipe[] pipes = pair(100);
        Pipe writer = pipes[0];
        Pipe reader = pipes[1];
        assertThat(read(reader)).isNull();

        writer.terminate(true);
        readerOwner.dispatchAll();
        assertThat(readerSink.events)
                .as("nothing to read before the delimiter: the pipe takes it itself, no wake-up for the reader")
                .isEmpty();
        assertThat(writerOwner.pending()).singleElement().isInstanceOf(Command.PipeTermAck.class);

        runUntilQuiet();
        assertThat(writerSink.events).containsExactly("pipeTerminated");
        assertThat(readerSink.events).containsExactly("pipeTerminated");
    }

    @Test
    void shouldTakeTheDelimiterOnTheFlushThatBringsIt() {
        Pipe[] pipes = pair(100);
        Pipe writer = pipes[0];
        Pipe reader = pipes[1];
        assertThat(writer.write(frame("m1"))).isTrue();
        writer.flush();
        readerOwner.dispatchAll();
        assertThat(text(read(reader))).isEqualTo("m1");
        assertThat(read(reader)).isNull();
        readerSink.events.clear();

        writer.terminate(true);
        readerOwner.dispatchAll();
        assertThat(readerSink.events).isEmpty();
        runUntilQuiet();
        assertThat(readerSink.events).containsExactly("pipeTerminated");
    }

    @Test
    void shouldTerminateWhenThePeerReadTheDelimiterBeforeTheTermRequestArrived() {
        Pipe[] pipes = pair(100);
        pipes[0].write(frame("m1"));
        pipes[0].flush();
        pipes[0].terminate(true);

        assertThat(text(read(pipes[1]))).isEqualTo("m1");
        assertThat(read(pipes[1])).isNull();
        runUntilQuiet();

        assertThat(writerSink.events).containsExactly("pipeTerminated");
        assertThat(readerSink.events).containsExactly("pipeTerminated");
    }

    @Test
    void shouldDropPendingMessagesWhenTheReadingSideTerminatesWithoutDelay() {
        Pipe[] pipes = pair(100);
        pipes[0].write(frame("m1"));
        pipes[0].flush();
        readerOwner.dispatchAll();
        writerOwner.dispatchAll();

        pipes[0].terminate(true);
        readerOwner.dispatchAll();
        pipes[1].terminate(false);
        runUntilQuiet();

        assertThat(writerSink.events).containsExactly("pipeTerminated");
        assertThat(readerSink.events).containsExactly("pipeTerminated");
    }

    @Test
    void shouldAcknowledgeATermRequestAtOnceAndDropPendingMessagesWhenSetToNoDelay() {
        Pipe[] pipes = pair(100);
        Pipe writer = pipes[0];
        Pipe reader = pipes[1];
        reader.setNoDelay();
        writer.write(frame("m1"));
        writer.write(frame("m2"));
        writer.flush();

        writer.terminate(true);
        readerOwner.dispatchAll();
        assertThat(writerOwner.pending())
                .as("acknowledged without reading up to the delimiter")
                .singleElement()
                .isInstanceOf(Command.PipeTermAck.class);
        assertThat(read(reader)).as("pending messages are dropped").isNull();

        runUntilQuiet();
        assertThat(writerSink.events).containsExactly("pipeTerminated");
        assertThat(readerSink.events).containsExactly("pipeTerminated");
    }

    @Test
    void shouldTerminateBothEndsExactlyOnceWhenBothSidesTerminateAtTheSameTime() {
        Pipe[] pipes = pair(100);
        pipes[0].write(frame("to reader"));
        pipes[0].flush();
        pipes[1].write(frame("to writer"));
        pipes[1].flush();

        pipes[0].terminate(true);
        pipes[1].terminate(true);
        runUntilQuiet();

        assertThat(writerSink.events).containsExactly("pipeTerminated");
        assertThat(readerSink.events).containsExactly("pipeTerminated");
    }

    @Test
    void shouldTerminateBothEndsExactlyOnceWhenTheSecondTerminateCrossesTheFirstAcknowledgement() {
        Pipe[] pipes = pair(100);
        pipes[0].terminate(true);
        readerOwner.dispatchAll();
        // The reader end is waiting for the delimiter; its owner closes too before reading it.
        pipes[1].terminate(true);
        assertThat(read(pipes[1])).isNull();
        runUntilQuiet();

        assertThat(writerSink.events).containsExactly("pipeTerminated");
        assertThat(readerSink.events).containsExactly("pipeTerminated");
    }

    /**
     * Random schedules of both owners writing, reading, flushing, terminating (with and without delay, on ends
     * that may be set to no-delay) and processing their commands in any interleaving: every end is told
     * pipeTerminated exactly once, and no command or event reaches an end after that.
     */
    @Test
    void shouldTerminateEachEndExactlyOnceUnderRandomSchedules() {
        for (long seed = 1; seed <= 3_000; seed++) {
            runRandomSchedule(seed);
        }
    }

    private void runRandomSchedule(long seed) {
        java.util.Random random = new java.util.Random(seed);
        Owner[] owners = {new Owner("a"), new Owner("b")};
        RecordingSink[] sinks = {new RecordingSink(), new RecordingSink()};
        int hwm = 1 + random.nextInt(4);
        Pipe[] pipes = Pipe.pair(owners[0], owners[1], hwm, hwm);
        pipes[0].setEventSink(sinks[0]);
        pipes[1].setEventSink(sinks[1]);
        boolean[] terminateCalled = new boolean[2];
        for (Pipe pipe : pipes) {
            if (random.nextInt(4) == 0) {
                pipe.setNoDelay();
            }
        }
        String context = "seed " + seed;

        int steps = random.nextInt(60);
        for (int step = 0; step < steps; step++) {
            int side = random.nextInt(2);
            if (sinks[side].terminated()) {
                continue;
            }
            Pipe pipe = pipes[side];
            switch (random.nextInt(5)) {
                case 0 -> {
                    int frames = 1 + random.nextInt(3);
                    for (int f = 0; f < frames && pipe.write(frame("f", f < frames - 1 ? Frame.MORE : 0)); f++) {
                        // a refused frame leaves the message incomplete, like a socket hitting the HWM mid-message
                    }
                    if (random.nextBoolean()) {
                        pipe.flush();
                    }
                }
                case 1 -> read(pipe);
                case 2 -> {
                    if (random.nextInt(3) == 0) {
                        terminateCalled[side] = true;
                        pipe.terminate(random.nextBoolean());
                    }
                }
                default -> dispatchOne(owners[side], pipes, sinks, context);
            }
        }
        if (!terminateCalled[0] && !terminateCalled[1]) {
            int side = random.nextInt(2);
            pipes[side].terminate(random.nextBoolean());
        }
        // The owners keep serving their pipes, as a socket or session does until told the pipe is gone.
        // (A read that meets the delimiter returns null yet makes progress, so play a fixed number of rounds.)
        for (int round = 0; round < 20; round++) {
            for (int side = 0; side < 2; side++) {
                if (!sinks[side].terminated()) {
                    while (read(pipes[side]) != null) {
                        // drained
                    }
                }
                while (dispatchOne(owners[side], pipes, sinks, context)) {
                    // drained
                }
            }
        }
        assertThat(owners[0].pending()).as(context).isEmpty();
        assertThat(owners[1].pending()).as(context).isEmpty();
        assertThat(sinks[0].count("pipeTerminated")).as(context).isEqualTo(1);
        assertThat(sinks[1].count("pipeTerminated")).as(context).isEqualTo(1);
        assertThat(sinks[0].eventsAfterTermination()).as(context).isZero();
        assertThat(sinks[1].eventsAfterTermination()).as(context).isZero();
    }

    private static boolean dispatchOne(Owner owner, Pipe[] pipes, RecordingSink[] sinks, String context) {
        Command command = owner.mailbox().poll();
        if (command == null) {
            return false;
        }
        int side = command.destination() == pipes[0] ? 0 : 1;
        assertThat(sinks[side].terminated())
                .as(context + ": " + command + " reached a terminated end")
                .isFalse();
        command.dispatch();
        return true;
    }

    private Pipe[] pair(int highWaterMark) {
        Pipe[] pipes = Pipe.pair(writerOwner, readerOwner, highWaterMark, highWaterMark);
        pipes[0].setEventSink(writerSink);
        pipes[1].setEventSink(readerSink);
        return pipes;
    }

    /** Plays both threads until no command is left. */
    private void runUntilQuiet() {
        for (int round = 0; round < 100; round++) {
            if (writerOwner.dispatchAll() + readerOwner.dispatchAll() == 0) {
                return;
            }
        }
        throw new AssertionError("the pipes keep sending commands");
    }

    private static Frame frame(String text) {
        return frame(text, 0);
    }

    private static Frame frame(String text, int flags) {
        return new Frame(text.getBytes(StandardCharsets.UTF_8), flags);
    }

    private static String text(Frame frame) {
        return frame == null ? null : new String(frame.data(), StandardCharsets.UTF_8);
    }

    /** Stands for a socket or session: a thread's worth of mailbox that the test dispatches by hand. */
    static final class Owner extends CommandTarget {
        Owner(String name) {
            super(null, new Mailbox(name));
        }

        /** The commands waiting, without taking them. */
        List<Command> pending() {
            List<Command> commands = new ArrayList<>();
            Command command;
            while ((command = mailbox().poll()) != null) {
                commands.add(command);
            }
            commands.forEach(mailbox()::send);
            return commands;
        }

        int dispatchAll() {
            int count = 0;
            Command command;
            while ((command = mailbox().poll()) != null) {
                command.dispatch();
                count++;
            }
            return count;
        }
    }

    static final class RecordingSink implements PipeEvents {
        final List<String> events = new ArrayList<>();

        boolean terminated() {
            return events.contains("pipeTerminated");
        }

        long count(String event) {
            return events.stream().filter(event::equals).count();
        }

        int eventsAfterTermination() {
            int index = events.indexOf("pipeTerminated");
            return index < 0 ? 0 : events.size() - index - 1;
        }

        @Override
        public void readActivated(Pipe pipe) {
            events.add("readActivated");
        }

        @Override
        public void writeActivated(Pipe pipe) {
            events.add("writeActivated");
        }

        @Override
        public void pipeTerminated(Pipe pipe) {
            events.add("pipeTerminated");
        }
    }

    /** Reads one frame as an owned copy (views are valid only until the next read), or null. */
    private static Frame read(Pipe pipe) {
        Frame view = new Frame();
        return pipe.read(view) ? view.copy() : null;
    }
}
