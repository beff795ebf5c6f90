package dev.zmq4j.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zmq4j.SocketType;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.Metadata;
import dev.zmq4j.protocol.ProtocolException;
import dev.zmq4j.protocol.ZmtpCommands;
import dev.zmq4j.protocol.mechanism.HandshakeProperties;

/**
 * A command frame's body as a peer may send it, read by every reader of {@link ZmtpCommands}, and, for a READY, its
 * metadata parsed by {@link Metadata#parse} and checked against a socket type, as the NULL handshake does. The body
 * lies at an offset inside a larger array, as a view into the engine's input buffer does.
 *
 * <p>What must hold: the readers either answer or throw {@link ProtocolException} (never an index error, whatever the
 * lengths inside say); a command name or data never reaches outside the frame; parsed metadata holds at most
 * {@link Metadata#MAX_PROPERTIES} properties, encodes to no more bytes than it was parsed from (issue 12 item 5:
 * a READY cannot cost more than its size), and parses back from its own encoding to the same properties.
 */
class ZmtpCommandFuzzTest {
    private static final String[] NAMES = {
        ZmtpCommands.READY, ZmtpCommands.ERROR, ZmtpCommands.HELLO, ZmtpCommands.WELCOME, ZmtpCommands.INITIATE,
        ZmtpCommands.MESSAGE, ZmtpCommands.SUBSCRIBE, ZmtpCommands.CANCEL, ZmtpCommands.PING, ZmtpCommands.PONG,
        ZmtpCommands.JOIN, ZmtpCommands.LEAVE
    };

    @FuzzTest(maxDuration = "10m")
    void readsAnyCommandBody(FuzzedDataProvider data) {
        SocketType own = data.pickValue(SocketType.values());
        int before = data.consumeInt(0, 8);
        int after = data.consumeInt(0, 8);
        byte[] body = data.consumeRemainingAsBytes();
        byte[] array = new byte[before + body.length + after];
        System.arraycopy(body, 0, array, before, body.length);
        Frame command = new Frame().setView(array, before, body.length, Frame.COMMAND);

        readCommand(command);
        if (ZmtpCommands.is(command, ZmtpCommands.READY)) {
            int offset = ZmtpCommands.dataOffset(command);
            readMetadata(array, before + offset, body.length - offset, own);
        }
        // The same bytes as a bare property list, as INITIATE's and ZAP replies' metadata arrive.
        readMetadata(array, before, body.length, own);
    }

    private static void readCommand(Frame command) {
        String name = ZmtpCommands.name(command);
        if (name == null) {
            for (String known : NAMES) {
                assertThat(ZmtpCommands.is(command, known)).isFalse();
            }
            return;
        }
        int offset = ZmtpCommands.dataOffset(command);
        assertThat(offset).isEqualTo(1 + name.length());
        assertThat(ZmtpCommands.dataLength(command)).isBetween(0, command.size() - 1);
        for (String known : NAMES) {
            assertThat(ZmtpCommands.is(command, known)).isEqualTo(known.equals(name));
        }
        if (ZmtpCommands.is(command, ZmtpCommands.PING)) {
            assertThat(ZmtpCommands.pingTtl(command)).isBetween(-1, 0xFFFF);
            assertThat(ZmtpCommands.pingContext(command).length).isLessThanOrEqualTo(ZmtpCommands.MAX_PING_CONTEXT);
            Frame pong = ZmtpCommands.pongFor(command);
            assertThat(ZmtpCommands.is(pong, ZmtpCommands.PONG)).isTrue();
            assertThat(ZmtpCommands.dataLength(pong)).isEqualTo(ZmtpCommands.pingContext(command).length);
        }
        if (ZmtpCommands.is(command, ZmtpCommands.ERROR)) {
            try {
                assertThat(ZmtpCommands.errorReason(command)).isNotNull();
            } catch (ProtocolException expected) {
                // A reason running past the body: refused, as it must be.
            }
        }
    }

    private static void readMetadata(byte[] array, int offset, int length, SocketType own) {
        Metadata metadata;
        try {
            metadata = Metadata.parse(array, offset, length);
        } catch (ProtocolException refused) {
            return;
        }
        assertThat(metadata.size()).isLessThanOrEqualTo(Metadata.MAX_PROPERTIES);
        assertThat(metadata.encodedSize()).isLessThanOrEqualTo(length);
        byte[] encoded = metadata.encode();
        assertThat(encoded).hasSize(metadata.encodedSize());
        Metadata again;
        try {
            again = Metadata.parse(encoded, 0, encoded.length);
        } catch (ProtocolException e) {
            throw new AssertionError("metadata does not parse from its own encoding: " + metadata, e);
        }
        assertThat(again.names()).isEqualTo(metadata.names());
        for (String name : metadata.names()) {
            assertThat(again.get(name)).isEqualTo(metadata.get(name));
        }
        try {
            HandshakeProperties.checkPeerType(own, metadata);
        } catch (ProtocolException refused) {
            // An incompatible or missing Socket-Type: refused, as it must be.
        }
    }
}
