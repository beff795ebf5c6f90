package dev.zmq4j.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zmq4j.CurveKeyPair;
import dev.zmq4j.SocketType;
import dev.zmq4j.core.Options;
import dev.zmq4j.core.Security;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.ZmtpCommands;
import dev.zmq4j.protocol.mechanism.ZapChannel;
import dev.zmq4j.protocol.mechanism.curve.CurveClient;
import dev.zmq4j.protocol.mechanism.curve.CurveServer;
import java.util.Arrays;

/**
 * A CURVE client and server (25/ZMTP-CURVE, 26/CURVEZMQ) talking through {@link HandshakeDriver}, which lets the
 * fuzzer change, cut, extend or repeat any HELLO, WELCOME, INITIATE, READY, ERROR or MESSAGE; the server has no ZAP
 * handler (libzmq's "Stonehouse") or one that answers as the fuzzer says.
 *
 * <p>What must hold: only {@link dev.zmq4j.protocol.ProtocolException} or a FAILED status (with its reason) comes of
 * any frame; every command and MESSAGE whose bytes were changed is refused, except for HELLO's 72 bytes of padding
 * (which the protocol leaves unauthenticated) and ERROR (which is not boxed); a command or a MESSAGE delivered twice
 * is refused the second time; and when nobody tampered and the handler (if any) said 200, both sides become READY
 * and messages arrive as sent.
 */
class CurveHandshakeFuzzTest {
    private static final CurveKeyPair SERVER = CurveKeyPair.generate();
    private static final CurveKeyPair CLIENT = CurveKeyPair.generate();
    /** HELLO: name (6), version (2), padding (72), client's short-term key (32), nonce (8), box (80). */
    private static final int HELLO_PADDING_START = 8;

    private static final int HELLO_PADDING_END = 80;

    @FuzzTest(maxDuration = "3m")
    void survivesAnyHandshakeFrame(FuzzedDataProvider data) {
        boolean withZap = data.consumeBoolean();
        FuzzedZapHandler zap = new FuzzedZapHandler(data);
        CurveClient client = new CurveClient(clientOptions());
        CurveServer server = new CurveServer(serverOptions(), "127.0.0.1", withZap ? zap : ZapChannel.NONE);
        HandshakeDriver driver = new HandshakeDriver(data, new HandshakeDriver.Expectation() {
            @Override
            public boolean mustRefuse(Frame original, Frame changed) {
                if (ZmtpCommands.is(original, ZmtpCommands.ERROR)) {
                    return false;
                }
                return !ZmtpCommands.is(original, ZmtpCommands.HELLO) || !onlyPaddingDiffers(original, changed);
            }

            @Override
            public boolean refusesReplayedMessages() {
                return true;
            }
        });
        boolean ready = driver.run(client, server);
        if (!driver.tampered() && (!withZap || zap.acceptedAll())) {
            assertThat(ready)
                    .as("an untouched handshake the handler accepted succeeds")
                    .isTrue();
        }
        client.destroy();
        server.destroy();
    }

    private static boolean onlyPaddingDiffers(Frame original, Frame changed) {
        byte[] before = original.data();
        byte[] after = changed.data();
        return before.length == after.length
                && Arrays.equals(before, 0, HELLO_PADDING_START, after, 0, HELLO_PADDING_START)
                && Arrays.equals(before, HELLO_PADDING_END, before.length, after, HELLO_PADDING_END, after.length);
    }

    private static Options clientOptions() {
        Options options = new Options();
        options.type = SocketType.DEALER;
        options.announcesRoutingId = true;
        options.security = Security.CURVE;
        options.curveServerKey = SERVER.publicKey();
        options.curvePublicKey = CLIENT.publicKey();
        options.curveSecretKey = CLIENT.secretKey();
        return options;
    }

    private static Options serverOptions() {
        Options options = new Options();
        options.type = SocketType.ROUTER;
        options.announcesRoutingId = true;
        options.security = Security.CURVE;
        options.asServer = true;
        options.curvePublicKey = SERVER.publicKey();
        options.curveSecretKey = SERVER.secretKey();
        return options;
    }
}
