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
 * One REQ/REP round trip over {@code inproc://} through the public API, as libzmq's {@code inproc_lat}: the
 * benchmark thread sends a request and waits for the reply; a REP on its own thread echoes it. Both sides use the
 * buffer-reusing {@code send}/{@code recv}, so {@code gc.alloc.rate.norm} is what the library allocates per round
 * trip (two messages), on both threads.
 *
 * <p>Compare with {@link JeroMqInprocRoundTripBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InprocRoundTripBenchmark {
    private static final String ENDPOINT = "inproc://round-trip";

    @Param({"1", "1024"})
    public int size;

    private Context context;
    private Socket requester;
    private byte[] buffer;
    private PeerThread echo;

    @Setup(Level.Trial)
    public void setUp() {
        context = Context.create(1);
        Socket replier = context.socket(SocketType.REP);
        replier.set(SocketOption.LINGER, 0);
        replier.bind(ENDPOINT);
        requester = context.socket(SocketType.REQ);
        requester.set(SocketOption.LINGER, 0);
        requester.connect(ENDPOINT);
        buffer = new byte[size];
        echo = PeerThread.start("zmq4j-inproc-echo", () -> PeerLoops.echo(replier, new byte[size]));
    }

    @Benchmark
    public int roundTrip() {
        requester.send(buffer, 0, size, 0);
        return requester.recv(buffer, 0, size, 0);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        requester.close();
        echo.stop(context::close);
    }
}
