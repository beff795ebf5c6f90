package dev.zmq4j.perf.jmh;

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
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/** {@link InprocThroughputBenchmark} for JeroMQ, so that both appear side by side in one run. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JeroMqInprocThroughputBenchmark {
    private static final String ENDPOINT = "inproc://throughput";

    @Param({"1", "64", "1024"})
    public int size;

    private ZMQ.Context context;
    private ZMQ.Socket sender;
    private byte[] buffer;
    private PeerThread receiver;

    @Setup(Level.Trial)
    public void setUp() {
        context = ZMQ.context(1);
        ZMQ.Socket pull = context.socket(SocketType.PULL);
        pull.setLinger(0);
        pull.bind(ENDPOINT);
        sender = context.socket(SocketType.PUSH);
        sender.setLinger(0);
        sender.connect(ENDPOINT);
        buffer = new byte[size];
        receiver = PeerThread.start("jeromq-inproc-pull", () -> PeerLoops.drain(pull, new byte[size]));
    }

    @Benchmark
    public boolean send() {
        return sender.send(buffer, 0, size, 0);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        sender.close();
        receiver.stop(context::term);
    }
}
