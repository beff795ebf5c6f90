package dev.zmq4j.perf.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.Control;

/**
 * Runs every benchmark method a few times directly, without JMH, so the benchmarks keep compiling and working as the
 * engine changes. No timing is asserted; the socket benchmarks must leave no thread behind.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BenchmarksTest {
    private static final int[] CODEC_SIZES = {1, 64, 1024, 65536};
    private static final int REPEATS = 3;

    private final Blackhole blackhole = new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

    @Test
    void shouldPassFramesThroughTheQueue() {
        PipeBenchmark benchmark = new PipeBenchmark();
        PipeBenchmark.QueueState state = new PipeBenchmark.QueueState();
        for (int i = 0; i < REPEATS; i++) {
            assertThat(benchmark.queueWriteFlushRead(state)).isNotNull();
            assertThat(benchmark.queueBurst(state)).isEqualTo(PipeBenchmark.BURST);
        }

        PipeBenchmark.QueueGroupState group = new PipeBenchmark.QueueGroupState();
        Control control = new Control();
        for (int i = 0; i < REPEATS; i++) {
            benchmark.queueProducer(group, control);
            assertThat(benchmark.queueConsumer(group, control)).isEqualTo(PipeBenchmark.BURST);
        }
    }

    @Test
    void shouldPassFramesThroughThePipe() {
        PipeBenchmark benchmark = new PipeBenchmark();
        PipeBenchmark.PipeState state = new PipeBenchmark.PipeState();
        // Enough bursts to cross the low-water mark, so activate_write is exercised too.
        int bursts = PipeBenchmark.HIGH_WATER_MARK / PipeBenchmark.BURST + 2;
        for (int i = 0; i < bursts; i++) {
            assertThat(benchmark.pipeWriteFlushRead(state)).isNotNull();
            assertThat(benchmark.pipeBurst(state)).isEqualTo(PipeBenchmark.BURST);
        }
        assertThat(state.readerSide.readActivations()).isPositive();

        PipeBenchmark.PipeGroupState group = new PipeBenchmark.PipeGroupState();
        Control control = new Control();
        for (int i = 0; i < bursts; i++) {
            benchmark.pipeProducer(group, control);
            assertThat(benchmark.pipeConsumer(group, control)).isEqualTo(PipeBenchmark.BURST);
        }
    }

    @Test
    void shouldEncodeAndDecodeEverySize() throws Exception {
        for (int size : CODEC_SIZES) {
            CodecBenchmark benchmark = new CodecBenchmark();
            benchmark.size = size;
            benchmark.setUp();
            for (int i = 0; i < REPEATS; i++) {
                assertThat(benchmark.encode()).isBetween(0, CodecBenchmark.WINDOW);
                benchmark.decode(blackhole);
            }
        }
    }

    @Test
    void shouldRoundTripOverInproc() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();

        InprocRoundTripBenchmark zmq4j = new InprocRoundTripBenchmark();
        zmq4j.size = 1;
        exercise(zmq4j::setUp, zmq4j::roundTrip, 1, zmq4j::tearDown);

        JeroMqInprocRoundTripBenchmark jeromq = new JeroMqInprocRoundTripBenchmark();
        jeromq.size = 1;
        exercise(jeromq::setUp, jeromq::roundTrip, 1, jeromq::tearDown);

        assertNoThreadLeftBehind(before);
    }

    @Test
    void shouldSendOverInproc() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();

        InprocThroughputBenchmark zmq4j = new InprocThroughputBenchmark();
        zmq4j.size = 64;
        exercise(zmq4j::setUp, zmq4j::send, true, zmq4j::tearDown);

        JeroMqInprocThroughputBenchmark jeromq = new JeroMqInprocThroughputBenchmark();
        jeromq.size = 64;
        exercise(jeromq::setUp, jeromq::send, true, jeromq::tearDown);

        assertNoThreadLeftBehind(before);
    }

    @Test
    void shouldSendOverTcp() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();

        TcpThroughputBenchmark zmq4j = new TcpThroughputBenchmark();
        zmq4j.size = 64;
        exercise(zmq4j::setUp, zmq4j::send, true, zmq4j::tearDown);

        JeroMqTcpThroughputBenchmark jeromq = new JeroMqTcpThroughputBenchmark();
        jeromq.size = 64;
        exercise(jeromq::setUp, jeromq::send, true, jeromq::tearDown);

        assertNoThreadLeftBehind(before);
    }

    /** Sets a benchmark up, runs its operation {@link #REPEATS} times expecting {@code expected}, tears it down. */
    private static <T> void exercise(Runnable setUp, Supplier<T> operation, T expected, Runnable tearDown) {
        setUp.run();
        for (int i = 0; i < REPEATS; i++) {
            assertThat(operation.get()).isEqualTo(expected);
        }
        tearDown.run();
    }

    /** Threads that appeared during the test and are still alive after every tear-down. */
    private static void assertNoThreadLeftBehind(Set<Thread> before) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Set<Thread> leftBehind;
        do {
            leftBehind = new java.util.HashSet<>(Thread.getAllStackTraces().keySet());
            leftBehind.removeAll(before);
            leftBehind.removeIf(thread -> !thread.isAlive());
            if (leftBehind.isEmpty()) {
                return;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() < deadline);
        assertThat(leftBehind).as("threads still running after tear-down").isEmpty();
    }
}
