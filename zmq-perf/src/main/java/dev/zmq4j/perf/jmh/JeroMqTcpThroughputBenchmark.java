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

/** {@link TcpThroughputBenchmark} for JeroMQ, so that both appear side by side in one run. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JeroMqTcpThroughputBenchmark {
    @Param({"1", "64", "1024", "65536"})
    public int size;

    private ZMQ.Context receiverContext;
    private ZMQ.Context senderContext;
    private ZMQ.Socket sender;
    private byte[] buffer;
    private PeerThread receiver;

    @Setup(Level.Trial)
    public void setUp() {
        receiverContext = ZMQ.context(1);
        ZMQ.Socket pull = receiverContext.socket(SocketType.PULL);
        pull.setLinger(0);
        int port = pull.bindToRandomPort("tcp://127.0.0.1");
        senderContext = ZMQ.context(1);
        sender = senderContext.socket(SocketType.PUSH);
        sender.setLinger(0);
        sender.connect("tcp://127.0.0.1:" + port);
        buffer = new byte[size];
        receiver = PeerThread.start("jeromq-tcp-pull", () -> PeerLoops.drain(pull, new byte[size]));
    }

    @Benchmark
    public boolean send() {
        return sender.send(buffer, 0, size, 0);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        sender.close();
        senderContext.term();
        receiver.stop(receiverContext::term);
    }
}
