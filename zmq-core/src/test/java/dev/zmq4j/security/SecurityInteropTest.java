package dev.zmq4j.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.interop.LibzmqPeer;
import dev.zmq4j.interop.Traffic;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * zmq4j's mechanisms against libzmq 4.3 (Debian's python3-zmq running {@code zmq_peer.py} with its security
 * options and, where it is the server, its own ZAP handler): each side as server and as client, an authorised
 * peer served while a refused one on the same socket gets the event.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SecurityInteropTest {
    private static final int COUNT = 5;

    @BeforeAll
    static void requireLibzmq() {
        LibzmqPeer.requirePyzmq();
    }

    /** Answers {@code count} requests on a REP, echoing them. */
    private static void echo(Socket rep, int count) {
        for (int i = 0; i < count; i++) {
            Message request = rep.recvMessage();
            assertThat(request)
                    .as("request " + i + " within the receive timeout")
                    .isNotNull();
            assertThat(rep.send(request)).isTrue();
        }
    }

    /** Sends {@code count} requests on a REQ and checks each echoed reply. */
    private static void requests(Socket req, int count) {
        for (int i = 0; i < count; i++) {
            assertThat(req.send(Message.of(Traffic.request(i)))).isTrue();
            Message reply = req.recvMessage();
            assertThat(reply).as("reply " + i + " within the receive timeout").isNotNull();
            assertThat(reply).isEqualTo(Message.of(Traffic.request(i)));
        }
    }

    private static Socket socket(Context context, SocketType type) {
        Socket socket = context.socket(type);
        socket.set(SocketOption.LINGER, 0);
        socket.set(SocketOption.RCVTIMEO, 10_000);
        socket.set(SocketOption.SNDTIMEO, 10_000);
        return socket;
    }

    @Test
    void shouldServeALibzmqPlainClientAndRefuseOneWithAWrongPassword() {
        try (Context context = Context.create();
                ZapHandler zap = ZapHandler.start(context, ZapHandler.Mode.OK);
                Socket rep = socket(context, SocketType.REP)) {
            SecurityFixture.Events events = new SecurityFixture.Events("zmq4j REP");
            rep.addEventListener(events, SocketEvent.ALL);
            rep.set(SocketOption.PLAIN_SERVER, true);
            rep.bind("tcp://127.0.0.1:*");

            try (LibzmqPeer intruder = LibzmqPeer.connected(
                            "req-client",
                            rep.lastEndpoint(),
                            "--plain-username",
                            "admin",
                            "--plain-password",
                            "no",
                            "--timeout-ms",
                            "60000");
                    LibzmqPeer client = LibzmqPeer.connected(
                            "req-client",
                            rep.lastEndpoint(),
                            "--count",
                            String.valueOf(COUNT),
                            "--plain-username",
                            "admin",
                            "--plain-password",
                            "password")) {
                events.expect(SocketEvent.Type.HANDSHAKE_FAILED_AUTH, 400);
                echo(rep, COUNT);
                client.awaitSuccess();
            }
        }
    }

    @Test
    void shouldAuthenticateWithALibzmqPlainServer() {
        try (LibzmqPeer server = LibzmqPeer.bound(
                        "rep-echo",
                        "--count",
                        String.valueOf(COUNT),
                        "--plain-server",
                        "--zap-plain",
                        "admin:password");
                Context context = Context.create();
                Socket refused = socket(context, SocketType.REQ);
                Socket req = socket(context, SocketType.REQ)) {
            SecurityFixture.Events refusedEvents = new SecurityFixture.Events("refused REQ");
            refused.addEventListener(refusedEvents, SocketEvent.ALL);
            refused.set(SocketOption.PLAIN_USERNAME, "admin");
            refused.set(SocketOption.PLAIN_PASSWORD, "wrong");
            refused.connect(server.endpoint());
            refusedEvents.expect(SocketEvent.Type.HANDSHAKE_FAILED_AUTH, 400);

            req.set(SocketOption.PLAIN_USERNAME, "admin");
            req.set(SocketOption.PLAIN_PASSWORD, "password");
            req.connect(server.endpoint());
            requests(req, COUNT);
            server.awaitSuccess();
        }
    }
}
