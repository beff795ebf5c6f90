package dev.zmq4j.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.CurveKeyPair;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.interop.LibzmqPeer;
import dev.zmq4j.interop.Traffic;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * zmq4j's mechanisms against libzmq 4.3 (Debian's python3-zmq running {@code zmq_peer.py} with its security
 * options and, where it is the server, its own ZAP handler): each side as server and as client, an authorised
 * peer served while a refused one on the same socket gets the event. Run over tcp by {@link SecurityInteropTest} and
 * over ws by {@link WsSecurityInteropTest}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class LibzmqSecurityScenarios {
    /** Where the bound end binds, e.g. {@code tcp://127.0.0.1:*}. */
    protected abstract String bindEndpoint();

    static final int COUNT = 5;

    @BeforeAll
    static void requireLibzmq() {
        LibzmqPeer.requirePyzmq();
    }

    /** Answers {@code count} requests on a REP, echoing them. */
    static void echo(Socket rep, int count) {
        for (int i = 0; i < count; i++) {
            Message request = rep.recvMessage();
            assertThat(request)
                    .as("request " + i + " within the receive timeout")
                    .isNotNull();
            assertThat(rep.send(request)).isTrue();
        }
    }

    /** Sends {@code count} requests on a REQ and checks each echoed reply. */
    static void requests(Socket req, int count) {
        for (int i = 0; i < count; i++) {
            assertThat(req.send(Message.of(Traffic.request(i)))).isTrue();
            Message reply = req.recvMessage();
            assertThat(reply).as("reply " + i + " within the receive timeout").isNotNull();
            assertThat(reply).isEqualTo(Message.of(Traffic.request(i)));
        }
    }

    static Socket socket(Context context, SocketType type) {
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
            rep.bind(bindEndpoint());

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
        try (LibzmqPeer server = LibzmqPeer.boundAt(
                        "rep-echo",
                        bindEndpoint(),
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

    // ---- CURVE ---------------------------------------------------------------------------------------------

    static final CurveKeyPair SERVER = CurveKeyPair.generate();
    static final CurveKeyPair CLIENT = CurveKeyPair.generate();

    static String[] curveClientArgs(CurveKeyPair server, CurveKeyPair client) {
        return new String[] {
            // "--name=value": a Z85 key may begin with '-', which argparse would take for an option
            "--curve-serverkey=" + server.publicKeyZ85(),
            "--curve-publickey=" + client.publicKeyZ85(),
            "--curve-secretkey=" + client.secretKeyZ85()
        };
    }

    static void curveServer(Socket socket) {
        socket.set(SocketOption.CURVE_SERVER, true);
        socket.set(SocketOption.CURVE_SECRETKEY, SERVER.secretKey());
    }

    static void curveClient(Socket socket, CurveKeyPair server, CurveKeyPair client) {
        socket.set(SocketOption.CURVE_SERVERKEY, server.publicKeyZ85().getBytes(StandardCharsets.US_ASCII));
        socket.set(SocketOption.CURVE_PUBLICKEY, client.publicKey());
        socket.set(SocketOption.CURVE_SECRETKEY, client.secretKey());
    }

    static String[] concat(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    @Test
    void shouldServeLibzmqCurveClientsAndRefuseAnUnknownKeyAndAWrongServerKey() {
        try (Context context = Context.create();
                ZapHandler zap = ZapHandler.start(context, ZapHandler.Mode.OK, null, null, CLIENT.publicKey());
                Socket rep = socket(context, SocketType.REP)) {
            SecurityFixture.Events events = new SecurityFixture.Events("zmq4j REP");
            rep.addEventListener(events, SocketEvent.ALL);
            curveServer(rep);
            rep.bind(bindEndpoint());

            CurveKeyPair stranger = CurveKeyPair.generate();
            try (LibzmqPeer unknown = LibzmqPeer.connected(
                    "req-client",
                    rep.lastEndpoint(),
                    concat(curveClientArgs(SERVER, stranger), "--timeout-ms", "60000"))) {
                events.expect(SocketEvent.Type.HANDSHAKE_FAILED_AUTH, 400);
            }
            try (LibzmqPeer misled = LibzmqPeer.connected(
                    "req-client",
                    rep.lastEndpoint(),
                    concat(curveClientArgs(CurveKeyPair.generate(), CLIENT), "--timeout-ms", "60000"))) {
                events.expect(
                        SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL, SocketEvent.PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC);
            }
            try (LibzmqPeer client = LibzmqPeer.connected(
                    "req-client", rep.lastEndpoint(), concat(curveClientArgs(SERVER, CLIENT), "--count", "" + COUNT))) {
                echo(rep, COUNT);
                client.awaitSuccess();
            }
        }
    }

    @Test
    void shouldTalkToALibzmqCurveServerAndBeRefusedWithAnUnknownKey() {
        try (LibzmqPeer server = LibzmqPeer.boundAt(
                        "rep-echo",
                        bindEndpoint(),
                        "--count",
                        String.valueOf(COUNT),
                        "--curve-server",
                        "--curve-secretkey=" + SERVER.secretKeyZ85(),
                        "--zap-curve=" + CLIENT.publicKeyZ85());
                Context context = Context.create();
                Socket refused = socket(context, SocketType.REQ);
                Socket req = socket(context, SocketType.REQ)) {
            SecurityFixture.Events refusedEvents = new SecurityFixture.Events("refused REQ");
            refused.addEventListener(refusedEvents, SocketEvent.ALL);
            curveClient(refused, SERVER, CurveKeyPair.generate());
            refused.connect(server.endpoint());
            refusedEvents.expect(SocketEvent.Type.HANDSHAKE_FAILED_AUTH, 400);

            curveClient(req, SERVER, CLIENT);
            req.connect(server.endpoint());
            requests(req, COUNT);
            server.awaitSuccess();
        }
    }

    @Test
    void shouldPublishToALibzmqSubscriberWithSubscriptionsAndHeartbeatsInsideCurve() {
        try (Context context = Context.create();
                Socket pub = socket(context, SocketType.PUB)) {
            SecurityFixture.Events events = new SecurityFixture.Events("zmq4j PUB");
            pub.addEventListener(events, SocketEvent.ALL);
            curveServer(pub);
            pub.set(SocketOption.HEARTBEAT_IVL, 20);
            pub.bind(bindEndpoint());
            int count = 20;
            try (LibzmqPeer sub = LibzmqPeer.connected(
                    "sub-print",
                    pub.lastEndpoint(),
                    concat(
                            curveClientArgs(SERVER, CLIENT),
                            "--subscribe",
                            "41",
                            "--count",
                            "" + count,
                            "--heartbeat-ivl",
                            "20",
                            "--heartbeat-timeout",
                            "1000"))) {
                events.await(SocketEvent.Type.HANDSHAKE_SUCCEEDED);
                // One message a few heartbeat intervals apart, so PINGs and PONGs cross in both directions in
                // between; the subscriber must see only the "A" ones.
                for (int i = 0; sub.pollLine("DONE", java.time.Duration.ofMillis(60)) == null; i++) {
                    assertThat(i)
                            .as("messages published before the subscriber had " + count)
                            .isLessThan(2_000);
                    pub.send("B" + i);
                    pub.send("A" + i);
                }
                assertThat(sub.awaitExit(LibzmqPeer.DEFAULT_WAIT))
                        .as("the subscriber's exit status")
                        .isZero();
                // A missed or undecipherable heartbeat would have dropped the connection and made it reconnect.
                assertThat(events.drain())
                        .filteredOn(e -> e.type() == SocketEvent.Type.ACCEPTED)
                        .hasSize(1);
            }
        }
    }

    @Test
    void shouldSubscribeToALibzmqPublisherOverCurve() {
        try (LibzmqPeer pub = LibzmqPeer.boundAt(
                        "pub-pairs",
                        bindEndpoint(),
                        "--count",
                        "100000",
                        "--curve-server",
                        "--curve-secretkey=" + SERVER.secretKeyZ85(),
                        "--heartbeat-ivl",
                        "20",
                        "--heartbeat-timeout",
                        "1000");
                Context context = Context.create();
                Socket sub = socket(context, SocketType.SUB)) {
            curveClient(sub, SERVER, CLIENT);
            sub.set(SocketOption.HEARTBEAT_IVL, 20);
            sub.set(SocketOption.SUBSCRIBE, "B".getBytes(StandardCharsets.US_ASCII));
            sub.connect(pub.endpoint());
            for (int i = 0; i < 50; i++) {
                String received = sub.recvString();
                assertThat(received).as("message " + i).isNotNull().startsWith("B");
            }
        }
    }
}
