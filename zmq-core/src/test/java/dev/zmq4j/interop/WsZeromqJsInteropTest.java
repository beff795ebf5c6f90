package dev.zmq4j.interop;

import dev.zmq4j.CurveKeyPair;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * zmq4j over {@code ws://} with zeromq.js 6.8.0 (libzmq 4.3.5 through a Node binding, which offers
 * {@code ZWS2.0/NULL, ZWS2.0} as a client and {@code ZWS2.0/CURVE} with CURVE): {@link NodeWsScenarios}, each side
 * binding in turn, and REQ/REP under CURVE with zmq4j as server and as client.
 *
 * <p>The peer script sends copies of what it received: over ws, zeromq.js 6.8.0 writes a wrong 200-byte frame when
 * it echoes the Buffers {@code receive()} returned for {@code [200 B, empty, 70 KiB, 4 B]} (the bytes zmq4j read from
 * the socket were already wrong; docs/interop.md has the details).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WsZeromqJsInteropTest extends NodeWsScenarios {
    private static final int CURVE_REQUESTS = 20;

    @Override
    protected NodePeer.Library library() {
        return NodePeer.Library.ZEROMQ;
    }

    @Test
    void shouldAnswerCurveRequestsAsBoundCurveServerRepFromZeromqJsReq() {
        CurveKeyPair server = CurveKeyPair.generate();
        CurveKeyPair client = CurveKeyPair.generate();
        Socket rep = ZmqTestSupport.socket(context(), SocketType.REP);
        rep.set(SocketOption.CURVE_SERVER, true);
        rep.set(SocketOption.CURVE_SECRETKEY, server.secretKey());
        rep.bind(bindEndpoint());
        try (PeerProcess peer = NodePeer.connected(
                library(),
                PeerRole.REQ_CLIENT.scriptName(),
                rep.lastEndpoint(),
                "--count",
                Integer.toString(CURVE_REQUESTS),
                "--curve-serverkey",
                server.publicKeyZ85(),
                "--curve-publickey",
                client.publicKeyZ85(),
                "--curve-secretkey",
                client.secretKeyZ85())) {
            answerAll(rep, peer, CURVE_REQUESTS);
            peer.awaitSuccess();
        }
    }

    @Test
    void shouldGetCurveRepliesAsConnectingCurveClientReqFromBoundZeromqJsRep() {
        CurveKeyPair server = CurveKeyPair.generate();
        CurveKeyPair client = CurveKeyPair.generate();
        Socket req = ZmqTestSupport.socket(context(), SocketType.REQ);
        req.set(SocketOption.CURVE_SERVERKEY, server.publicKey());
        req.set(SocketOption.CURVE_PUBLICKEY, client.publicKey());
        req.set(SocketOption.CURVE_SECRETKEY, client.secretKey());
        try (PeerProcess peer = NodePeer.bound(
                library(),
                PeerRole.REP_ECHO.scriptName(),
                bindEndpoint(),
                "--count",
                Integer.toString(CURVE_REQUESTS),
                "--curve-server",
                "--curve-secretkey",
                server.secretKeyZ85())) {
            req.connect(peer.endpoint());
            requestAll(req, peer, CURVE_REQUESTS);
            peer.awaitSuccess();
        }
    }
}
