package dev.zmq4j.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zmq4j.SocketType;
import dev.zmq4j.core.Options;
import dev.zmq4j.core.Security;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.mechanism.PlainClient;
import dev.zmq4j.protocol.mechanism.PlainServer;

/**
 * A PLAIN client and server (24/ZMTP-PLAIN) talking through {@link HandshakeDriver}, which lets the fuzzer change,
 * cut, extend or repeat any HELLO, WELCOME, INITIATE, READY, ERROR or message; the server's ZAP handler answers as
 * the fuzzer says ({@link FuzzedZapHandler}). Credentials and socket types are fuzzed too.
 *
 * <p>What must hold: only {@link dev.zmq4j.protocol.ProtocolException} or a FAILED status (with its reason) comes of
 * any frame; a handshake command delivered twice is refused the second time; and when nobody tampered and the
 * handler said 200, both sides become READY and messages arrive as sent. PLAIN authenticates nothing on the wire,
 * so a changed frame may be accepted.
 */
class PlainHandshakeFuzzTest {
    private static final SocketType[][] PAIRS = {
        {SocketType.DEALER, SocketType.ROUTER},
        {SocketType.REQ, SocketType.REP},
        {SocketType.SUB, SocketType.PUB},
        {SocketType.PUSH, SocketType.PULL},
        {SocketType.PAIR, SocketType.PAIR}
    };

    @FuzzTest(maxDuration = "3m")
    void survivesAnyHandshakeFrame(FuzzedDataProvider data) {
        SocketType[] pair = data.pickValue(PAIRS);
        Options clientOptions = options(pair[0]);
        // At most 85 characters: at most 255 UTF-8 bytes, the most the option accepts and HELLO can carry.
        clientOptions.plainUsername = data.consumeString(data.consumeInt(0, 85));
        clientOptions.plainPassword = data.consumeString(data.consumeInt(0, 85));
        Options serverOptions = options(pair[1]);
        serverOptions.asServer = true;
        FuzzedZapHandler zap = new FuzzedZapHandler(data);
        PlainClient client = new PlainClient(clientOptions);
        PlainServer server = new PlainServer(serverOptions, "127.0.0.1", zap);
        HandshakeDriver driver = new HandshakeDriver(data, new HandshakeDriver.Expectation() {
            @Override
            public boolean mustRefuse(Frame original, Frame changed) {
                return false;
            }

            @Override
            public boolean refusesReplayedMessages() {
                return false;
            }
        });
        boolean ready = driver.run(client, server);
        if (!driver.tampered() && zap.acceptedAll()) {
            assertThat(ready)
                    .as("an untouched handshake the handler accepted succeeds")
                    .isTrue();
        }
        client.destroy();
        server.destroy();
    }

    private static Options options(SocketType type) {
        Options options = new Options();
        options.type = type;
        options.security = Security.PLAIN;
        options.announcesRoutingId = type == SocketType.REQ || type == SocketType.DEALER || type == SocketType.ROUTER;
        return options;
    }
}
