package dev.zmq4j.protocol;

import static dev.zmq4j.protocol.GoldenVectors.CURVE_GREETING;
import static dev.zmq4j.protocol.GoldenVectors.NULL_GREETING;
import static dev.zmq4j.protocol.GoldenVectors.nullGreeting30;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.SocketEvent;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The greeting exchange with no channel: the peer's bytes split at every boundary, ours checked byte for byte. */
class GreetingExchangeTest {

    @Test
    void shouldReleaseOurGreetingInThreeStagesWhereverThePeersBytesAreSplit() throws ProtocolException {
        for (int split = 0; split <= NULL_GREETING.length; split++) {
            GreetingExchange exchange = new GreetingExchange(0, "NULL", false);
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            drain(exchange, sent);
            assertThat(sent.toByteArray()).as("the signature, at once").isEqualTo(prefix(10));

            ByteBuffer first = ByteBuffer.wrap(NULL_GREETING, 0, split);
            exchange.receive(first);
            drain(exchange, sent);
            assertThat(sent.toByteArray())
                    .as("after %d peer bytes", split)
                    .isEqualTo(prefix(split < 10 ? 10 : split < 11 ? 11 : 64));

            exchange.receive(ByteBuffer.wrap(NULL_GREETING, split, NULL_GREETING.length - split));
            drain(exchange, sent);
            assertThat(sent.toByteArray()).isEqualTo(NULL_GREETING);
            assertThat(exchange.isComplete()).isTrue();
            assertThat(exchange.peerMechanism()).isEqualTo("NULL");
            assertThat(exchange.peerMinorVersion()).isEqualTo(1);
            assertThat(exchange.hasOutput()).isFalse();
        }
    }

    @Test
    void shouldTakeOneByteAtATimeAndLeaveWhatFollowsTheGreeting() throws ProtocolException {
        GreetingExchange exchange = new GreetingExchange(0, "NULL", false);
        byte[] greetingThenFrame = GoldenVectors.bytes(CURVE_GREETING, new byte[] {0, 1, 'x'});
        ByteBuffer in = ByteBuffer.wrap(greetingThenFrame);
        while (!exchange.isComplete()) {
            in.limit(in.position() + 1);
            exchange.receive(in);
        }
        in.limit(greetingThenFrame.length);
        assertThat(in.remaining())
                .as("the frame after the greeting stays in the buffer")
                .isEqualTo(3);
        assertThat(exchange.peerMechanism()).isEqualTo("CURVE");
    }

    @Test
    void shouldWriteOnlyWhatFitsAndTheRestLater() throws ProtocolException {
        GreetingExchange exchange = new GreetingExchange(0, "NULL", false);
        exchange.receive(ByteBuffer.wrap(NULL_GREETING));
        ByteBuffer small = ByteBuffer.allocate(7);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        while (exchange.hasOutput()) {
            small.clear();
            exchange.produce(small);
            sent.write(small.array(), 0, small.position());
        }
        assertThat(sent.toByteArray()).isEqualTo(NULL_GREETING);
    }

    @Test
    void shouldAnnounceTheRoutingIdLengthAndMechanism() {
        GreetingExchange exchange = new GreetingExchange(5, "PLAIN", true);
        ByteBuffer out = ByteBuffer.allocate(64);
        exchange.produce(out);
        assertThat(Arrays.copyOf(out.array(), out.position())).isEqualTo(Greeting.signature(5));
    }

    @Test
    void shouldReadAZmtp30PeersMinorVersionAndAFuturePeersAsOurs() throws ProtocolException {
        GreetingExchange old = new GreetingExchange(0, "NULL", false);
        old.receive(ByteBuffer.wrap(nullGreeting30()));
        assertThat(old.peerMinorVersion()).isZero();

        byte[] future = NULL_GREETING.clone();
        future[Greeting.MAJOR_OFFSET] = 4;
        future[Greeting.MINOR_OFFSET] = 7;
        GreetingExchange newer = new GreetingExchange(0, "NULL", false);
        newer.receive(ByteBuffer.wrap(future));
        assertThat(newer.peerMinorVersion()).isEqualTo(1);
    }

    @Test
    void shouldRefuseGarbageAtTheFirstByte() {
        GreetingExchange exchange = new GreetingExchange(0, "NULL", false);
        assertThatThrownBy(() -> exchange.receive(ByteBuffer.wrap(new byte[] {'G'})))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("first byte")
                .extracting(e -> ((ProtocolException) e).monitorCode())
                .isEqualTo(SocketEvent.PROTOCOL_ERROR_ZMTP_UNSPECIFIED);
    }

    @Test
    void shouldRefuseAZmtp10SignatureAndAZmtp20MajorVersion() throws ProtocolException {
        byte[] unversioned = prefix(10);
        unversioned[9] = 0x7E;
        GreetingExchange zmtp10 = new GreetingExchange(0, "NULL", false);
        assertThatThrownBy(() -> zmtp10.receive(ByteBuffer.wrap(unversioned)))
                .hasMessageContaining("no versioned signature");

        GreetingExchange zmtp20 = new GreetingExchange(0, "NULL", false);
        zmtp20.receive(ByteBuffer.wrap(prefix(10)));
        assertThatThrownBy(() -> zmtp20.receive(ByteBuffer.wrap(new byte[] {1})))
                .hasMessageContaining("ZMTP 2.0");
        ByteBuffer out = ByteBuffer.allocate(64);
        zmtp20.produce(out);
        assertThat(out.position())
                .as("a refused peer gets no more than the signature and version")
                .isLessThanOrEqualTo(11);
    }

    private static void drain(GreetingExchange exchange, ByteArrayOutputStream sent) {
        ByteBuffer out = ByteBuffer.allocate(64);
        exchange.produce(out);
        sent.write(out.array(), 0, out.position());
    }

    private static byte[] prefix(int length) {
        return Arrays.copyOf(NULL_GREETING, length);
    }
}
