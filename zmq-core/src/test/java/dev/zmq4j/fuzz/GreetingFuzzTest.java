package dev.zmq4j.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zmq4j.protocol.Greeting;
import dev.zmq4j.protocol.GreetingExchange;
import dev.zmq4j.protocol.ProtocolException;
import java.nio.ByteBuffer;

/**
 * One side of the greeting exchange ({@link GreetingExchange}) fed a peer's greeting in pieces the fuzzer chooses,
 * with our output drained between pieces into buffers of fuzzed sizes, as a slow socket would take it.
 *
 * <p>What must hold: only {@link ProtocolException} escapes; the exchange never takes more than the peer's 64 bytes
 * (what follows them, the first frames, stays in the buffer); what we send is always a prefix of our own greeting
 * and reaches past the signature only once the peer's signature was versioned, past the major version only once
 * the peer's major version was 3 or more (so a ZMTP 1.0 peer is never sent bytes it cannot read); once complete,
 * the peer's mechanism and minor version read without error.
 */
class GreetingFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void exchangesGreetingsWithAnyPeer(FuzzedDataProvider data) {
        String mechanism = data.pickValue(new String[] {"NULL", "PLAIN", "CURVE"});
        int routingIdLength = data.consumeInt(0, 255);
        byte[] own = Greeting.full(routingIdLength, mechanism, data.consumeBoolean());
        GreetingExchange exchange =
                new GreetingExchange(routingIdLength, mechanism, own[Greeting.AS_SERVER_OFFSET] != 0);
        byte[] peer = new byte[Greeting.SIZE];
        int received = 0;
        ByteBuffer sent = ByteBuffer.allocate(Greeting.SIZE);
        try {
            while (data.remainingBytes() > 0) {
                drain(exchange, sent, data.consumeInt(0, Greeting.SIZE));
                checkSent(sent, own, peer, received);
                byte[] piece = data.consumeBytes(data.consumeInt(0, 80));
                ByteBuffer in = ByteBuffer.wrap(piece);
                try {
                    exchange.receive(in);
                } finally {
                    int taken = in.position();
                    assertThat(received + taken).isLessThanOrEqualTo(Greeting.SIZE);
                    assertThat(taken == piece.length || received + taken == Greeting.SIZE)
                            .as("left bytes in the buffer before the greeting was complete")
                            .isTrue();
                    System.arraycopy(piece, 0, peer, received, taken);
                    received += taken;
                }
            }
            drain(exchange, sent, Greeting.SIZE);
            checkSent(sent, own, peer, received);
            if (exchange.isComplete()) {
                assertThat(exchange.peerMechanism()).isNotNull();
                assertThat(exchange.peerMinorVersion()).isBetween(0, 255);
                exchange.peerAsServer();
            }
        } catch (ProtocolException refused) {
            // The peer does not speak ZMTP 3: refused, as it must be.
        }
    }

    private static void drain(GreetingExchange exchange, ByteBuffer sent, int room) {
        ByteBuffer out = ByteBuffer.allocate(room);
        exchange.produce(out);
        out.flip();
        sent.put(out);
    }

    /** What we sent is ours, and no more of it than the peer's bytes so far allow. */
    private static void checkSent(ByteBuffer sent, byte[] own, byte[] peer, int received) {
        int length = sent.position();
        for (int i = 0; i < length; i++) {
            assertThat(sent.get(i)).isEqualTo(own[i]);
        }
        boolean versioned = received >= Greeting.SIGNATURE_SIZE && Greeting.isVersionedSignature(peer);
        boolean major3 = versioned && received > Greeting.MAJOR_OFFSET && Greeting.major(peer) >= 3;
        int allowed = major3 ? Greeting.SIZE : versioned ? Greeting.MAJOR_OFFSET + 1 : Greeting.SIGNATURE_SIZE;
        assertThat(length).as("bytes sent").isLessThanOrEqualTo(allowed);
    }
}
