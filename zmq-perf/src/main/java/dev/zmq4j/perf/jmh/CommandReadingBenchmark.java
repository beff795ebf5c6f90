package dev.zmq4j.perf.jmh;

import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.ZmtpCommands;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Recognising and reading ZMTP commands where the engine finds them: as {@link Frame} views into its input buffer,
 * not at offset 0. Checks the "reads in place, allocates nothing" promise of {@link ZmtpCommands} with
 * {@code -prof gc} (gc.alloc.rate.norm should be 0 B/op); under CURVE every message arrives as a command, so a
 * copy here would be a copy per message.
 *
 * <ul>
 *   <li>{@code recognisePing}: is it a PING, and its TTL (what the engine reads of every PING);
 *   <li>{@code readSubscription}: is it a SUBSCRIBE, and where its topic lies (what a PUB's engine reads before
 *       building the subscription message, the one copy it needs).
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CommandReadingBenchmark {
    private final Frame ping = new Frame();
    private final Frame subscribe = new Frame();

    @Setup
    public void setUp() {
        byte[] pingBody = ZmtpCommands.ping(100, "context".getBytes(StandardCharsets.US_ASCII))
                .data();
        byte[] subscribeBody = ZmtpCommands.subscribe("prices.ACME".getBytes(StandardCharsets.US_ASCII))
                .data();
        // Both commands inside one larger "input buffer", as the engine's decoder describes them.
        byte[] input = new byte[1024];
        System.arraycopy(pingBody, 0, input, 37, pingBody.length);
        System.arraycopy(subscribeBody, 0, input, 301, subscribeBody.length);
        ping.setView(input, 37, pingBody.length, Frame.COMMAND);
        subscribe.setView(input, 301, subscribeBody.length, Frame.COMMAND);
    }

    @Benchmark
    public int recognisePing() {
        return ZmtpCommands.is(ping, ZmtpCommands.PING) ? ZmtpCommands.pingTtl(ping) : -1;
    }

    @Benchmark
    public int readSubscription() {
        if (!ZmtpCommands.is(subscribe, ZmtpCommands.SUBSCRIBE) && !ZmtpCommands.is(subscribe, ZmtpCommands.CANCEL)) {
            return -1;
        }
        return ZmtpCommands.dataOffset(subscribe) + ZmtpCommands.dataLength(subscribe);
    }
}
