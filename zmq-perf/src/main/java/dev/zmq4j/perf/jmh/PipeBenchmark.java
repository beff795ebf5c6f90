package dev.zmq4j.perf.jmh;

import dev.zmq4j.msg.Frame;
import dev.zmq4j.pipe.FrameQueue;
import dev.zmq4j.pipe.Pipe;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Control;

/**
 * The lock-free queue under every pipe ({@link FrameQueue}) and a {@link Pipe} end to end, with the commands a pipe
 * sends (activate_read when the reader slept, activate_write every low-water mark) dispatched by hand.
 *
 * <ul>
 *   <li>{@code *WriteFlushRead}: one frame written, flushed and read on one thread: the uncontended cost of the
 *       handoff, and whether it allocates.
 *   <li>{@code *Burst}: {@value #BURST} frames, one flush, read until empty: the reader goes to sleep every burst, so
 *       the wake-up protocol (and for the pipe, the activate_read command) is paid once per burst. Scores are per
 *       frame.
 *   <li>{@code *TwoThreads}: a producer and a consumer thread in batches of {@value #BURST}; scores per frame and
 *       thread, the consumer's line is the throughput of the queue. With {@code -prof gc} the bytes per operation are
 *       the allocation of both threads divided by the operations of both.
 * </ul>
 *
 * <p>The same frame object is passed again and again: what is measured is the queue, not the allocation of frames.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PipeBenchmark {
    static final int BURST = 64;
    /** libzmq's default SNDHWM/RCVHWM. */
    static final int HIGH_WATER_MARK = 1000;
    /** How far the queue producer may run ahead of the consumer, so the unbounded queue stays bounded. */
    static final int MAX_OUTSTANDING = 4096;

    private static final int SPINS_BEFORE_YIELD = 100;

    private static final Frame FRAME = new Frame(new byte[64]);

    /** A queue used by one thread. */
    @State(Scope.Thread)
    public static class QueueState {
        final FrameQueue queue = new FrameQueue();
        final Frame view = new Frame();
    }

    /** The two ends of a pipe and their owners. */
    abstract static class PipeEnds {
        final ManualPipeOwner writerSide = new ManualPipeOwner("writer");
        final ManualPipeOwner readerSide = new ManualPipeOwner("reader");
        final Pipe out;
        final Pipe in;
        final Frame view = new Frame();

        PipeEnds() {
            Pipe[] ends = Pipe.pair(writerSide, readerSide, HIGH_WATER_MARK, HIGH_WATER_MARK);
            out = ends[0];
            in = ends[1];
            out.setEventSink(writerSide);
            in.setEventSink(readerSide);
        }
    }

    /** A pipe whose two ends are both owned by the benchmark thread. */
    @State(Scope.Thread)
    public static class PipeState extends PipeEnds {}

    /** A queue shared by the producer and the consumer of a group. */
    @State(Scope.Group)
    public static class QueueGroupState {
        final FrameQueue queue = new FrameQueue();
        final Frame view = new Frame();
        /** Written by the consumer, read by the producer for back-pressure. */
        final AtomicLong consumed = new AtomicLong();
        /** Producer only. */
        long produced;
    }

    /** A pipe whose writing end belongs to the producer thread and whose reading end to the consumer thread. */
    @State(Scope.Group)
    public static class PipeGroupState extends PipeEnds {}

    // ---- FrameQueue --------------------------------------------------------------------------------------------

    @Benchmark
    public Frame queueWriteFlushRead(QueueState state) {
        FrameQueue queue = state.queue;
        Frame view = state.view;
        queue.write(FRAME, false);
        queue.flush();
        queue.read(view);
        return view;
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    public int queueBurst(QueueState state) {
        FrameQueue queue = state.queue;
        Frame view = state.view;
        for (int i = 0; i < BURST; i++) {
            queue.write(FRAME, false);
        }
        queue.flush();
        int read = 0;
        while (queue.read(view)) {
            read++;
        }
        return read;
    }

    @Benchmark
    @Group("queueTwoThreads")
    @GroupThreads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @OperationsPerInvocation(BURST)
    public void queueProducer(QueueGroupState state, Control control) {
        FrameQueue queue = state.queue;
        Frame view = state.view;
        int idle = 0;
        while (state.produced - state.consumed.get() > MAX_OUTSTANDING) {
            if (control.stopMeasurement) {
                return;
            }
            idle(idle++);
        }
        for (int i = 0; i < BURST; i++) {
            queue.write(FRAME, false);
        }
        // A false result would mean "wake the reader": the consumer spins instead of sleeping.
        queue.flush();
        state.produced += BURST;
    }

    @Benchmark
    @Group("queueTwoThreads")
    @GroupThreads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @OperationsPerInvocation(BURST)
    public int queueConsumer(QueueGroupState state, Control control) {
        FrameQueue queue = state.queue;
        Frame view = state.view;
        int read = 0;
        int idle = 0;
        while (read < BURST) {
            if (queue.read(view)) {
                read++;
            } else if (control.stopMeasurement) {
                break;
            } else {
                idle(idle++);
            }
        }
        // Only this thread writes the counter: no read-modify-write needed.
        state.consumed.lazySet(state.consumed.get() + read);
        return read;
    }

    // ---- Pipe --------------------------------------------------------------------------------------------------

    @Benchmark
    public Frame pipeWriteFlushRead(PipeState state) {
        if (!state.out.write(FRAME)) {
            throw new IllegalStateException("pipe full: " + state.out);
        }
        state.out.flush();
        state.readerSide.processCommands();
        state.in.read(state.view);
        state.writerSide.processCommands();
        return state.view;
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    public int pipeBurst(PipeState state) {
        for (int i = 0; i < BURST; i++) {
            if (!state.out.write(FRAME)) {
                throw new IllegalStateException("pipe full: " + state.out);
            }
        }
        state.out.flush();
        // The reader found the pipe empty at the end of the previous burst: activate_read re-arms it.
        state.readerSide.processCommands();
        int read = 0;
        while (state.in.read(state.view)) {
            read++;
        }
        state.writerSide.processCommands();
        return read;
    }

    @Benchmark
    @Group("pipeTwoThreads")
    @GroupThreads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @OperationsPerInvocation(BURST)
    public void pipeProducer(PipeGroupState state, Control control) {
        Pipe out = state.out;
        state.writerSide.processCommands();
        int written = 0;
        while (written < BURST) {
            if (out.write(FRAME)) {
                written++;
                continue;
            }
            // At the high-water mark: let the reader see what we have, then wait for its activate_write.
            out.flush();
            int idle = 0;
            while (!out.checkWrite()) {
                if (control.stopMeasurement) {
                    return;
                }
                if (state.writerSide.processCommands() == 0) {
                    idle(idle++);
                }
            }
        }
        out.flush();
    }

    @Benchmark
    @Group("pipeTwoThreads")
    @GroupThreads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @OperationsPerInvocation(BURST)
    public int pipeConsumer(PipeGroupState state, Control control) {
        Pipe in = state.in;
        Frame view = state.view;
        int read = 0;
        int idle = 0;
        while (read < BURST) {
            if (in.read(view)) {
                read++;
            } else if (control.stopMeasurement) {
                break;
            } else if (state.readerSide.processCommands() == 0) {
                idle(idle++);
            }
        }
        return read;
    }

    /**
     * How a two-thread benchmark waits for its partner: spin briefly, then yield, so that on a small or busy machine
     * a spinning thread does not keep its descheduled partner off the core for a whole time slice.
     */
    private static void idle(int idleCount) {
        if (idleCount < SPINS_BEFORE_YIELD) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }
}
