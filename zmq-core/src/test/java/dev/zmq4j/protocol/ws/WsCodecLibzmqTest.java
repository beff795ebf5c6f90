package dev.zmq4j.protocol.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.interop.LibzmqPeer;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.Metadata;
import dev.zmq4j.protocol.ProtocolException;
import dev.zmq4j.protocol.ZmtpCommands;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The codec against the real libzmq (Debian's 4.3.4 through pyzmq, whose ws transport works although
 * {@code zmq.has("ws")} says no): a plain blocking socket speaks ZWS 2.0 with these classes alone, the opening
 * handshake, the NULL handshake and a REQ/REP round trip, with a libzmq REP bound on {@code ws://} and with a libzmq
 * REQ connecting to us. The ws engine will
 * drive the same classes; this pins them to what libzmq sends and accepts before it does.
 */
class WsCodecLibzmqTest {
    private static final int TIMEOUT_MS = 10_000;

    @Test
    void shouldTalkToALibzmqRepOverWs() throws IOException, ProtocolException {
        try (LibzmqPeer rep = LibzmqPeer.boundAt("rep-echo", "ws://127.0.0.1:*/zws");
                Socket socket = new Socket()) {
            URI endpoint = URI.create(rep.endpoint());
            assertThat(endpoint.getPath()).isEqualTo("/zws");
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            RawWsPeer peer = new RawWsPeer(socket, true);

            WsClientHandshake handshake = new WsClientHandshake(endpoint.getHost(), endpoint.getPath(), "NULL");
            peer.write(handshake.request());
            while (!handshake.receive(peer.input())) {
                peer.fill();
            }
            assertThat(handshake.protocol()).isEqualTo("ZWS2.0/NULL");

            // NULL: each side sends READY; libzmq's names its socket type.
            peer.send(ZmtpCommands.ready(new Metadata().put(Metadata.SOCKET_TYPE, "REQ")));
            Frame ready = peer.receive();
            assertThat(ready.isCommand()).isTrue();
            assertThat(ZmtpCommands.is(ready, ZmtpCommands.READY)).isTrue();
            String readyText = new String(ready.array(), ready.offset(), ready.size(), StandardCharsets.US_ASCII);
            assertThat(readyText).contains("Socket-Type").contains("REP");

            // A REQ's request: the empty delimiter, then the body; the REP echoes both.
            peer.send(new Frame(new byte[0], Frame.MORE));
            peer.send(new Frame("hello over ws".getBytes(StandardCharsets.US_ASCII), 0));
            List<String> reply = new ArrayList<>();
            Frame frame;
            do {
                frame = peer.receive();
                reply.add(new String(frame.array(), frame.offset(), frame.size(), StandardCharsets.US_ASCII));
            } while (frame.hasMore());
            assertThat(reply).containsExactly("", "hello over ws");
            rep.awaitSuccess();
        }
    }

    @Test
    void shouldServeALibzmqReqOverWs() throws IOException, ProtocolException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(TIMEOUT_MS);
            String endpoint = "ws://127.0.0.1:" + listener.getLocalPort() + "/zws";
            try (LibzmqPeer req = LibzmqPeer.connected("req-client", endpoint);
                    Socket socket = listener.accept()) {
                socket.setSoTimeout(TIMEOUT_MS);
                RawWsPeer peer = new RawWsPeer(socket, false);
                WsServerHandshake handshake = new WsServerHandshake("NULL");
                while (!handshake.receive(peer.input())) {
                    peer.fill();
                }
                assertThat(handshake.accepted()).as(handshake.refusal()).isTrue();
                assertThat(handshake.path()).isEqualTo("/zws");
                assertThat(handshake.protocol()).isEqualTo("ZWS2.0/NULL");
                peer.write(handshake.response());

                peer.send(ZmtpCommands.ready(new Metadata().put(Metadata.SOCKET_TYPE, "REP")));
                Frame ready = peer.receive();
                assertThat(ZmtpCommands.is(ready, ZmtpCommands.READY)).isTrue();
                // The request, masked by libzmq: echoed back frame for frame.
                Frame frame;
                do {
                    frame = peer.receive();
                    peer.send(frame);
                } while (frame.hasMore());
                req.awaitSuccess();
            }
        }
    }
}
