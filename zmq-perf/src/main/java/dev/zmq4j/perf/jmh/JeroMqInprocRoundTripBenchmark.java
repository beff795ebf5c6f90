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

/** {@link InprocRoundTripBenchmark} for JeroMQ, so that both appear side by side in one run. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JeroMqInprocRoundTripBenchmark {
    private static final String ENDPOINT = "inproc://round-trip";

    @Param({"1", "1024"})
    public int size;

    private ZMQ.Context context;
    private ZMQ.Socket requester;
    private byte[] buffer;
    private PeerThread echo;

    @Setup(Level.Trial)
    public void setUp() {
        context = ZMQ.context(1);
        ZMQ.Socket replier = context.socket(SocketType.REP);
        replier.setLinger(0);
        replier.bind(ENDPOINT);
        requester = context.socket(SocketType.REQ);
        requester.setLinger(0);
        requester.connect(ENDPOINT);
        buffer = new byte[size];
        echo = PeerThread.start("jeromq-inproc-echo", () -> PeerLoops.echo(replier, new byte[size]));
    }

    @Benchmark
    public int roundTrip() {
        requester.send(buffer, 0, size, 0);
        return requester.recv(buffer, 0, size, 0);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        requester.close();
        echo.stop(context::term);
    }
}
