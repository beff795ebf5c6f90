package dev.zmq4j.perf.jmh;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * PUSH to PULL over {@code inproc://} through the public API, as libzmq's {@code inproc_thr}: the benchmark thread
 * sends one message per operation, a PULL on its own thread receives and drops them. With the default high-water
 * marks the sender blocks when the receiver falls behind, so the score is the end-to-end rate in messages per
 * second, and {@code gc.alloc.rate.norm} the bytes both threads allocate per message.
 *
 * <p>Compare with {@link JeroMqInprocThroughputBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class InprocThroughputBenchmark {
    private static final String ENDPOINT = "inproc://throughput";

    @Param({"1", "64", "1024"})
    public int size;

    private Context context;
    private Socket sender;
    private byte[] buffer;
    private PeerThread receiver;

    @Setup(Level.Trial)
    public void setUp() {
        context = Context.create(1);
        Socket pull = context.socket(SocketType.PULL);
        pull.set(SocketOption.LINGER, 0);
        pull.bind(ENDPOINT);
        sender = context.socket(SocketType.PUSH);
        sender.set(SocketOption.LINGER, 0);
        sender.connect(ENDPOINT);
        buffer = new byte[size];
        receiver = PeerThread.start("zmq4j-inproc-pull", () -> PeerLoops.drain(pull, new byte[size]));
    }

    @Benchmark
    public boolean send() {
        return sender.send(buffer, 0, size, 0);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        sender.close();
        receiver.stop(context::close);
    }
}
