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
 * PUSH to PULL over tcp on 127.0.0.1 (an ephemeral port), as libzmq's {@code local_thr}/{@code remote_thr}: each
 * side has its own context with one I/O thread, as two processes would. The benchmark thread sends one message per
 * operation; a PULL on its own thread receives and drops them. The score is messages per second once the pipeline
 * is full, and {@code gc.alloc.rate.norm} the bytes all four threads (two application, two I/O) allocate per
 * message.
 *
 * <p>Compare with {@link JeroMqTcpThroughputBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TcpThroughputBenchmark {
    @Param({"1", "64", "1024", "65536"})
    public int size;

    private Context receiverContext;
    private Context senderContext;
    private Socket sender;
    private byte[] buffer;
    private PeerThread receiver;

    @Setup(Level.Trial)
    public void setUp() {
        receiverContext = Context.create(1);
        Socket pull = receiverContext.socket(SocketType.PULL);
        pull.set(SocketOption.LINGER, 0);
        pull.bind("tcp://127.0.0.1:*");
        String endpoint = pull.lastEndpoint();
        senderContext = Context.create(1);
        sender = senderContext.socket(SocketType.PUSH);
        sender.set(SocketOption.LINGER, 0);
        sender.connect(endpoint);
        buffer = new byte[size];
        receiver = PeerThread.start("zmq4j-tcp-pull", () -> PeerLoops.drain(pull, new byte[size]));
    }

    @Benchmark
    public boolean send() {
        return sender.send(buffer, 0, size, 0);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        sender.close();
        senderContext.close();
        receiver.stop(receiverContext::close);
    }
}
