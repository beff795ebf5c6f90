package dev.zmq4j.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zmq4j.SocketType;
import dev.zmq4j.engine.EngineFuzzDriver;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.ZmtpCommands;
import dev.zmq4j.protocol.mechanism.HandshakeProperties;
import dev.zmq4j.protocol.ws.WsClientHandshake;
import dev.zmq4j.protocol.ws.WsFrameEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The engine of a connection accepted on {@code ws://} facing a client that sends what the fuzzer writes, over a real
 * loopback connection with the engine's loop stepped by hand: HTTP upgrade requests of any shape, then WebSocket
 * frames of any shape. Half the inputs start with a valid upgrade request and a masked NULL READY of a compatible
 * type, so that the fuzzer spends its time on the frames after the handshake (control frames, lengths, masks,
 * fragments, text frames).
 *
 * <p>What must hold, as for {@link EngineFuzzTest}: the engine closes the connection (telling its host once) or keeps
 * going; nothing escapes its loop; it becomes ready at most once; it hands its host no more bytes than the peer sent.
 */
class WsEngineFuzzTest {
    private static final IoThreadFailures FAILURES = IoThreadFailures.install();
    private static final SocketType[][] PAIRS = {
        {SocketType.ROUTER, SocketType.DEALER},
        {SocketType.PUB, SocketType.SUB},
        {SocketType.XPUB, SocketType.XSUB},
        {SocketType.SUB, SocketType.PUB},
        {SocketType.REP, SocketType.REQ},
    };

    @FuzzTest(maxDuration = "5m")
    void survivesAnyWebSocketClient(FuzzedDataProvider data) throws IOException {
        SocketType[] pair = data.pickValue(PAIRS);
        long maxMsgSize = data.consumeBoolean() ? -1 : data.consumeLong(0, 1 << 20);
        boolean validHandshake = data.consumeBoolean();
        try (EngineFuzzDriver engine = new EngineFuzzDriver(pair[0], maxMsgSize, true)) {
            if (validHandshake) {
                engine.peerWrites(handshake(pair[1]));
            }
            while (data.remainingBytes() > 0 && !engine.closed()) {
                engine.peerWrites(data.consumeBytes(data.consumeInt(1, 2048)));
            }
            engine.settle();
            FAILURES.rethrowAny();
            assertThat(engine.closeCount()).as("times the engine gave up").isLessThanOrEqualTo(1);
            assertThat(engine.readyCount()).as("times the engine became ready").isLessThanOrEqualTo(1);
            assertThat(engine.receivedBytes()).isLessThanOrEqualTo(engine.written());
        }
        FAILURES.rethrowAny();
    }

    /** The upgrade request a libzmq client sends, and its masked READY as a socket of {@code type}. */
    static byte[] handshake(SocketType type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new WsClientHandshake("127.0.0.1", "/", "NULL").request());
        Frame ready = ZmtpCommands.ready(HandshakeProperties.own(type, null));
        WsFrameEncoder encoder = new WsFrameEncoder(true);
        encoder.load(ready);
        ByteBuffer buffer = ByteBuffer.allocate(ready.size() + 32);
        encoder.encode(buffer);
        out.write(buffer.array(), 0, buffer.position());
        return out.toByteArray();
    }
}
