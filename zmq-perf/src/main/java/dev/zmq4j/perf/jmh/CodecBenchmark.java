package dev.zmq4j.perf.jmh;

import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.FrameDecoder;
import dev.zmq4j.protocol.FrameEncoder;
import dev.zmq4j.protocol.ProtocolException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The ZMTP frame codec with no socket: {@link FrameEncoder} writing into, and {@link FrameDecoder} reading from, a
 * reused direct buffer of {@value #WINDOW} bytes, the size of the engine's socket buffers. Each operation handles
 * {@value #BATCH} frames and the scores are per frame.
 *
 * <ul>
 *   <li>{@code encode}: frames are loaded and encoded one after the other; whenever the buffer is full it is
 *       cleared, as if the engine had written it to the socket. Large frames therefore span buffers.
 *   <li>{@code decode}: the buffer holds as many whole encoded frames as fit (one, for frames larger than the
 *       buffer) and is read back in windows of at most {@value #WINDOW} bytes, as if each window were one socket read;
 *       a 64 KiB frame arrives in two windows. Frames are decoded as the engine decodes them, into a reused
 *       {@link Frame} view of the (heap) input buffer; only frames larger than the decoder's scratch array, which
 *       arrive in pieces, get an array of their own.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {
    static final int WINDOW = 64 * 1024;
    static final int BATCH = 32;

    @Param({"1", "64", "1024", "65536"})
    public int size;

    private Frame frame;
    private FrameEncoder encoder;
    private ByteBuffer out;

    private FrameDecoder decoder;
    private final Frame view = new Frame();
    private ByteBuffer in;
    private int inEnd;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] body = new byte[size];
        for (int i = 0; i < size; i++) {
            body[i] = (byte) i;
        }
        frame = new Frame(body);
        encoder = new FrameEncoder();
        out = ByteBuffer.allocate(WINDOW);

        int encodedSize = (size > 255 ? 9 : 2) + size;
        int frames = Math.max(1, WINDOW / encodedSize);
        inEnd = frames * encodedSize;
        in = ByteBuffer.allocate(Math.max(WINDOW, inEnd));
        FrameEncoder filler = new FrameEncoder();
        for (int i = 0; i < frames; i++) {
            filler.load(frame);
            if (!filler.encode(in)) {
                throw new IllegalStateException("encoded frames do not fit " + in);
            }
        }
        decoder = new FrameDecoder(-1);
        in.position(0);
        in.limit(Math.min(WINDOW, inEnd));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int encode() {
        FrameEncoder encoder = this.encoder;
        ByteBuffer out = this.out;
        for (int i = 0; i < BATCH; i++) {
            encoder.load(frame);
            while (!encoder.encode(out)) {
                out.clear();
            }
        }
        return out.position();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void decode(Blackhole blackhole) throws ProtocolException {
        FrameDecoder decoder = this.decoder;
        ByteBuffer in = this.in;
        int decoded = 0;
        Frame view = this.view;
        while (decoded < BATCH) {
            if (!decoder.decode(in, view)) {
                nextWindow();
            } else {
                blackhole.consume(view.size());
                decoded++;
            }
        }
    }

    /** The next "socket read": the following bytes of the stream, wrapping to the start at the end. */
    private void nextWindow() {
        int position = in.position() == inEnd ? 0 : in.position();
        in.limit(Math.min(position + WINDOW, inEnd));
        in.position(position);
    }
}
