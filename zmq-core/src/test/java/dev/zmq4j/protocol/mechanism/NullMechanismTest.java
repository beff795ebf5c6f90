package dev.zmq4j.protocol.mechanism;

import static dev.zmq4j.protocol.GoldenVectors.DEALER_READY;
import static dev.zmq4j.protocol.GoldenVectors.PUB_READY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketType;
import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.FrameDecoder;
import dev.zmq4j.protocol.FrameEncoder;
import dev.zmq4j.protocol.Metadata;
import dev.zmq4j.protocol.ProtocolException;
import dev.zmq4j.protocol.ZmtpCommands;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The NULL handshake with no engine and no channel: frames in, frames out. */
class NullMechanismTest {

    @Test
    void shouldSendOneReadyWithSocketTypeAndIdentity() {
        NullMechanism dealer = nullFor(SocketType.DEALER);
        assertThat(dealer.name()).isEqualTo("NULL");
        assertThat(dealer.asServer()).isFalse();

        assertThat(encode(dealer.nextHandshakeCommand())).isEqualTo(DEALER_READY);
        assertThat(dealer.nextHandshakeCommand()).as("only one READY").isNull();

        NullMechanism pub = nullFor(SocketType.PUB);
        assertThat(encode(pub.nextHandshakeCommand())).as("no Identity for PUB").isEqualTo(PUB_READY);
    }

    @Test
    void shouldBeReadyOnceACompatiblePeerSentItsReady() throws ProtocolException {
        NullMechanism mechanism = nullFor(SocketType.SUB);
        assertThat(mechanism.status()).isEqualTo(Mechanism.Status.HANDSHAKING);
        assertThat(mechanism.nextHandshakeCommand()).isNotNull();

        mechanism.processHandshakeCommand(asView(decode(PUB_READY)));

        assertThat(mechanism.status()).isEqualTo(Mechanism.Status.READY);
        assertThat(mechanism.peerMetadata().getString(Metadata.SOCKET_TYPE)).isEqualTo("PUB");
    }

    @Test
    void shouldPassDataFramesThroughUntouched() throws ProtocolException {
        NullMechanism mechanism = nullFor(SocketType.PAIR);
        Frame frame = new Frame(new byte[] {1, 2, 3}, Frame.MORE);
        assertThat(mechanism.encode(frame)).isSameAs(frame);
        assertThat(mechanism.decode(frame)).isSameAs(frame);
    }

    @Test
    void shouldRefuseAnIncompatibleOrMissingSocketTypeWithNoMonitorCode() {
        NullMechanism dealer = nullFor(SocketType.DEALER);
        assertThatThrownBy(() -> dealer.processHandshakeCommand(decode(PUB_READY)))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("cannot talk to a peer of type PUB")
                .extracting(e -> ((ProtocolException) e).monitorCode())
                .isEqualTo(0);

        NullMechanism pair = nullFor(SocketType.PAIR);
        Frame noType = ZmtpCommands.ready(new Metadata().put("Resource", "x"));
        assertThatThrownBy(() -> pair.processHandshakeCommand(noType)).hasMessageContaining("type null");
    }

    @Test
    void shouldRefuseAMessageOrAnotherCommandAsUnexpected() {
        NullMechanism mechanism = nullFor(SocketType.DEALER);
        assertThatThrownBy(() -> mechanism.processHandshakeCommand(new Frame(new byte[] {5}, 0)))
                .extracting(e -> ((ProtocolException) e).monitorCode())
                .isEqualTo(SocketEvent.PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND);
        assertThatThrownBy(() -> mechanism.processHandshakeCommand(ZmtpCommands.ping(0, null)))
                .hasMessageContaining("received PING")
                .extracting(e -> ((ProtocolException) e).monitorCode())
                .isEqualTo(SocketEvent.PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND);
    }

    @Test
    void shouldFailWithTheZapStatusOfAPeersError() throws ProtocolException {
        NullMechanism refused = nullFor(SocketType.DEALER);
        refused.processHandshakeCommand(ZmtpCommands.error("400"));
        assertThat(refused.status()).isEqualTo(Mechanism.Status.FAILED);
        assertThat(refused.failure().event()).isEqualTo(SocketEvent.Type.HANDSHAKE_FAILED_AUTH);
        assertThat(refused.failure().eventValue()).isEqualTo(400);
        assertThat(refused.nextHandshakeCommand())
                .as("nothing more to a peer that said no")
                .isNull();

        NullMechanism told = nullFor(SocketType.DEALER);
        told.processHandshakeCommand(ZmtpCommands.error("not today"));
        assertThat(told.failure().event()).as("plain text: no handshake event").isNull();
        assertThat(told.failure().reason()).contains("not today");
    }

    @Test
    void shouldReadAReadyLyingInsideALargerBuffer() throws ProtocolException {
        byte[] padded = new byte[DEALER_READY.length + 10];
        System.arraycopy(DEALER_READY, 0, padded, 5, DEALER_READY.length);
        Frame view = new Frame();
        ByteBuffer in = ByteBuffer.wrap(padded, 5, DEALER_READY.length);
        assertThat(new FrameDecoder(-1).decode(in, view)).isTrue();
        assertThat(view.isOwned())
                .as("a view into the buffer, as the engine passes it")
                .isFalse();

        NullMechanism router = nullFor(SocketType.ROUTER);
        router.nextHandshakeCommand();
        router.processHandshakeCommand(view);
        assertThat(router.status()).isEqualTo(Mechanism.Status.READY);
        assertThat(router.peerMetadata().get(Metadata.IDENTITY)).isEmpty();
    }

    /** A NULL mechanism for a socket of this type, with no ZAP domain. */
    static NullMechanism nullFor(SocketType type) {
        Options options = new Options();
        options.type = type;
        options.announcesRoutingId = type == SocketType.REQ || type == SocketType.DEALER || type == SocketType.ROUTER;
        return new NullMechanism(options);
    }

    private static Frame decode(byte[] wire) {
        try {
            return new FrameDecoder(-1).decode(ByteBuffer.wrap(wire));
        } catch (ProtocolException e) {
            throw new AssertionError(e);
        }
    }

    private static Frame asView(Frame owned) {
        byte[] shifted = new byte[owned.size() + 3];
        System.arraycopy(owned.array(), owned.offset(), shifted, 3, owned.size());
        return new Frame().setView(shifted, 3, owned.size(), owned.flags());
    }

    private static byte[] encode(Frame frame) {
        FrameEncoder encoder = new FrameEncoder();
        encoder.load(frame);
        ByteBuffer out = ByteBuffer.allocate(1024);
        encoder.encode(out);
        return Arrays.copyOf(out.array(), out.position());
    }
}
