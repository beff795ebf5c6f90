package dev.zmq4j.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zmq4j.SocketType;
import dev.zmq4j.engine.EngineFuzzDriver;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.FrameDecoder;
import dev.zmq4j.protocol.Greeting;
import dev.zmq4j.protocol.ZmtpCommands;
import dev.zmq4j.protocol.mechanism.HandshakeProperties;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * The whole ZMTP engine of a bound socket facing a connecting peer that sends what the fuzzer writes (libzmq's
 * test_bind_null_fuzzer), over a real loopback connection with the engine's loop stepped by hand. Half the inputs
 * start with a valid NULL greeting and a READY of a compatible socket type, so that the fuzzer spends its time on
 * the frames that follow the handshake; the others are fuzzed from the first byte. Long runs of filler let large
 * announced frames really arrive.
 *
 * <p>What must hold: the engine either closes the connection (telling its host once) or keeps going; nothing
 * escapes its loop (the I/O thread logs no failure); it becomes ready at most once; it hands its host no more bytes
 * than the peer sent, and its decoder holds no more than four times those plus 64 KiB, whatever frame sizes the
 * peer announces (issue 12 item 1).
 */
class EngineFuzzTest {
    private static final IoThreadFailures FAILURES = IoThreadFailures.install();
    /** Engine's socket type, then a peer type it accepts. */
    private static final SocketType[][] PAIRS = {
        {SocketType.ROUTER, SocketType.DEALER},
        {SocketType.DEALER, SocketType.ROUTER},
        {SocketType.PUB, SocketType.SUB},
        {SocketType.XPUB, SocketType.XSUB},
        {SocketType.SUB, SocketType.PUB},
        {SocketType.PULL, SocketType.PUSH},
        {SocketType.PAIR, SocketType.PAIR},
        {SocketType.REP, SocketType.REQ},
        {SocketType.REQ, SocketType.REP},
    };

    @FuzzTest(maxDuration = "5m")
    void survivesAnyPeer(FuzzedDataProvider data) throws IOException {
        SocketType[] pair = data.pickValue(PAIRS);
        long maxMsgSize = data.consumeBoolean() ? -1 : data.consumeLong(0, 1 << 20);
        boolean validHandshake = data.consumeBoolean();
        try (EngineFuzzDriver engine = new EngineFuzzDriver(pair[0], maxMsgSize)) {
            if (validHandshake) {
                byte[] identity = data.consumeBytes(data.consumeInt(0, 8));
                engine.peerWrites(handshake(pair[1], identity));
            }
            int filler = 0;
            while (data.remainingBytes() > 0 && !engine.closed()) {
                if (data.consumeInt(0, 3) > 0) {
                    engine.peerWrites(data.consumeBytes(data.consumeInt(1, 2048)));
                } else {
                    int count = Math.min(data.consumeInt(1, 1 << data.consumeInt(4, 17)), (1 << 20) - filler);
                    filler += count;
                    byte[] run = new byte[count];
                    Arrays.fill(run, data.consumeByte());
                    engine.peerWrites(run);
                }
            }
            engine.settle();
            FAILURES.rethrowAny();
            assertThat(engine.closeCount()).as("times the engine gave up").isLessThanOrEqualTo(1);
            assertThat(engine.readyCount()).as("times the engine became ready").isLessThanOrEqualTo(1);
            assertThat(engine.receivedBytes()).isLessThanOrEqualTo(engine.written());
            assertThat((long) DecoderMemory.heldBeyondScratch(engine.decoder()))
                    .isLessThanOrEqualTo(4 * engine.written() + FrameDecoder.FIRST_BODY_CHUNK);
        }
        FAILURES.rethrowAny();
    }

    /** A NULL greeting and the READY a socket of {@code type} sends, as a libzmq peer would. */
    static byte[] handshake(SocketType type, byte[] identity) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Greeting.full(0, "NULL", false));
        boolean announces = type == SocketType.REQ || type == SocketType.DEALER || type == SocketType.ROUTER;
        Frame ready = ZmtpCommands.ready(HandshakeProperties.own(type, announces ? identity : null));
        out.write(0x04);
        out.write(ready.size());
        out.write(ready.array(), ready.offset(), ready.size());
        return out.toByteArray();
    }
}
