package dev.zmq4j.engine;

import static dev.zmq4j.protocol.GoldenVectors.CURVE_GREETING;
import static dev.zmq4j.protocol.GoldenVectors.DEALER_READY;
import static dev.zmq4j.protocol.GoldenVectors.NULL_GREETING;
import static dev.zmq4j.protocol.GoldenVectors.SUB_READY;
import static dev.zmq4j.protocol.GoldenVectors.ascii;
import static dev.zmq4j.protocol.GoldenVectors.bytes;
import static dev.zmq4j.protocol.GoldenVectors.nullGreeting30;
import static dev.zmq4j.protocol.GoldenVectors.shortFrame;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketType;
import dev.zmq4j.core.Options;
import dev.zmq4j.io.Errno;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.FrameDecoder;
import dev.zmq4j.protocol.Metadata;
import dev.zmq4j.protocol.ProtocolException;
import dev.zmq4j.protocol.ZmtpCommands;
import dev.zmq4j.protocol.mechanism.HandshakeFailure;
import dev.zmq4j.protocol.mechanism.Mechanism;
import dev.zmq4j.protocol.mechanism.NullMechanism;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ZMTP engine on its own: a real loopback connection whose far end is the test, the engine's loop stepped by
 * hand, a recording host. Every byte the engine sends is checked against vectors written out by hand.
 */
class ZmtpEngineTest {
    private static final byte[] ROUTER_READY = Zmtp.ready("ROUTER", new byte[0]);

    private final EngineHarness harness = new EngineHarness();

    @AfterEach
    void close() throws IOException {
        harness.close();
    }

    @Test
    void shouldSendTheGreetingInStagesAsThePeerProvesItSpeaksZmtp3() {
        harness.zmtp(EngineHarness.options(SocketType.DEALER));
        harness.peerReceives(Arrays.copyOfRange(NULL_GREETING, 0, 10));
        assertThat(harness.unreadFromEngine())
                .as("nothing after the signature yet")
                .isZero();

        harness.peerWrites(Arrays.copyOfRange(NULL_GREETING, 0, 10));
        harness.peerReceives(new byte[] {3});
        assertThat(harness.unreadFromEngine())
                .as("nothing after the major version yet")
                .isZero();

        harness.peerWrites(new byte[] {3});
        harness.peerReceives(Arrays.copyOfRange(NULL_GREETING, 11, 64));
        assertThat(harness.unreadFromEngine())
                .as("READY waits for the peer's whole greeting")
                .isZero();

        harness.peerWrites(Arrays.copyOfRange(NULL_GREETING, 11, 64));
        harness.peerReceives(DEALER_READY);
        assertThat(harness.host.readyCount())
                .as("ready only once the peer's READY came")
                .isZero();

        harness.peerWrites(ROUTER_READY);
        assertThat(harness.host.readyCount()).isEqualTo(1);
        assertThat(harness.host.eventTypes()).containsExactly(SocketEvent.Type.HANDSHAKE_SUCCEEDED);
        assertThat(harness.host.recordedEvents().get(0).endpoint()).isEqualTo(harness.endpoint);
    }

    @Test
    void shouldAnswerAPeerThatSendsItsGreetingAndReadyInOneWrite() {
        harness.zmtp(EngineHarness.options(SocketType.SUB));
        harness.peerWrites(bytes(NULL_GREETING, Zmtp.ready("PUB", null), Zmtp.message("topic", "body")));

        harness.peerReceives(bytes(NULL_GREETING, SUB_READY));
        assertThat(harness.host.readyCount()).isEqualTo(1);
        assertThat(texts(harness.awaitFlushed(2))).containsExactly("topic", "body");
        assertThat(harness.host.flushed().get(0).hasMore()).isTrue();
        assertThat(harness.host.flushed().get(1).hasMore()).isFalse();
    }

    @Test
    void shouldPassMultipartMessagesBothWaysByteForByte() {
        activeEngine(SocketType.DEALER, ROUTER_READY);

        harness.peerWrites(Zmtp.message("", "request"));
        assertThat(texts(harness.awaitFlushed(2))).containsExactly("", "request");

        harness.host.queue(Zmtp.frame("", true)).queue(Zmtp.frame("reply", false));
        harness.engine().restartOutput();
        harness.runPending();
        harness.peerReceives(bytes(new byte[] {1, 0}, shortFrame(0, ascii("reply"))));
    }

    @Test
    void shouldUseTheLongFormForFramesOver255BytesAndTakeFramesSplitAcrossReads() {
        activeEngine(SocketType.DEALER, ROUTER_READY);
        byte[] body = new byte[70_000];
        Arrays.fill(body, (byte) 'x');
        byte[] wire = Zmtp.wire(new Frame(body, 0));

        harness.peerWrites(Arrays.copyOfRange(wire, 0, 5));
        assertThat(harness.host.received()).as("an incomplete header").isEmpty();
        harness.peerWrites(Arrays.copyOfRange(wire, 5, 40_000), Arrays.copyOfRange(wire, 40_000, wire.length));
        harness.runUntil(() -> harness.host.flushed().size() == 1, "the 70,000-byte frame");
        assertThat(harness.host.flushed().get(0).data()).isEqualTo(body);

        harness.host.queue(new Frame(body.clone(), 0));
        harness.engine().restartOutput();
        harness.peerReceives(wire);
    }

    @Test
    void shouldGiveARouterThePeersIdentityAsItsFirstFrame() {
        activeEngine(SocketType.ROUTER, Zmtp.ready("DEALER", ascii("peer-7")));

        assertThat(harness.host.flushed()).hasSize(1);
        Frame routingId = harness.host.flushed().get(0);
        assertThat(routingId.isRoutingId()).isTrue();
        assertThat(new String(routingId.data())).isEqualTo("peer-7");
    }

    @Test
    void shouldRefuseAnIncompatibleSocketTypeWithNoHandshakeEvent() {
        harness.zmtp(EngineHarness.options(SocketType.DEALER));
        harness.peerWrites(NULL_GREETING, Zmtp.ready("PUB", null));

        harness.peerSeesClose();
        assertThat(harness.host.readyCount()).isZero();
        assertThat(harness.host.errorCount()).isEqualTo(1);
        assertThat(harness.host.eventTypes()).containsExactly(SocketEvent.Type.DISCONNECTED);
    }

    @Test
    void shouldRefuseAZmtp2PeerOnceItsMajorVersionArrives() {
        harness.zmtp(EngineHarness.options(SocketType.DEALER));
        harness.peerWrites(Arrays.copyOfRange(NULL_GREETING, 0, 10), new byte[] {1});

        // As libzmq: no version byte and no rest of the greeting for a peer that is refused.
        harness.peerReceives(Arrays.copyOfRange(NULL_GREETING, 0, 10));
        harness.peerSeesClose();
        assertThat(harness.unreadFromEngine())
                .as("the rest of the greeting was never sent")
                .isZero();
        assertHandshakeFailed(SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL, SocketEvent.PROTOCOL_ERROR_ZMTP_UNSPECIFIED);
    }

    @Test
    void shouldRefuseGarbageAtItsFirstByte() {
        harness.zmtp(EngineHarness.options(SocketType.PULL));
        harness.peerWrites(ascii("G"));

        harness.peerSeesClose();
        assertHandshakeFailed(SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL, SocketEvent.PROTOCOL_ERROR_ZMTP_UNSPECIFIED);
    }

    @Test
    void shouldRefuseAPeerWithAnotherMechanism() {
        harness.zmtp(EngineHarness.options(SocketType.DEALER));
        harness.peerWrites(CURVE_GREETING);

        // The whole greeting, so that the peer learns of the mismatch too (as from libzmq), and nothing after it.
        harness.peerReceives(NULL_GREETING);
        harness.peerSeesClose();
        assertThat(harness.unreadFromEngine())
                .as("no READY for a mismatched peer")
                .isZero();
        assertHandshakeFailed(
                SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL, SocketEvent.PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH);
    }

    @Test
    void shouldRefuseAMessageWhereTheReadyBelongs() {
        harness.zmtp(EngineHarness.options(SocketType.DEALER));
        harness.peerWrites(NULL_GREETING, Zmtp.message("too early"));

        harness.peerSeesClose();
        assertHandshakeFailed(
                SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL, SocketEvent.PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND);
    }

    @Test
    void shouldReportAPeersErrorWithAZapStatusAsAnAuthenticationFailure() {
        harness.zmtp(EngineHarness.options(SocketType.DEALER));
        harness.peerWrites(NULL_GREETING, Zmtp.wire(ZmtpCommands.error("400")));

        harness.peerSeesClose();
        assertHandshakeFailed(SocketEvent.Type.HANDSHAKE_FAILED_AUTH, 400);
    }

    @Test
    void shouldReportAPeersPlainErrorOnlyAsDisconnected() {
        harness.zmtp(EngineHarness.options(SocketType.DEALER));
        harness.peerWrites(NULL_GREETING, Zmtp.wire(ZmtpCommands.error("go away")));

        harness.peerSeesClose();
        assertThat(harness.host.eventTypes()).containsExactly(SocketEvent.Type.DISCONNECTED);
    }

    @Test
    void shouldGiveUpOnASilentPeerAfterHandshakeIvl() {
        Options options = EngineHarness.options(SocketType.DEALER);
        options.handshakeInterval = 20;
        harness.zmtp(options);

        harness.runUntil(() -> harness.host.errorCount() == 1, "the handshake timer");
        harness.peerSeesClose();
        assertHandshakeFailed(SocketEvent.Type.HANDSHAKE_FAILED_NO_DETAIL, Errno.ETIMEDOUT);
    }

    @Test
    void shouldNotTimeOutAHandshakeThatCompleted() {
        Options options = EngineHarness.options(SocketType.DEALER);
        options.handshakeInterval = 20;
        activeEngine(options, ROUTER_READY);

        // A PING answered after several handshake intervals shows the connection outlived the cancelled timer.
        long until = System.nanoTime() + 100_000_000L;
        harness.runUntil(() -> System.nanoTime() - until > 0, "100 ms of an established connection");
        harness.peerWrites(Zmtp.wire(ZmtpCommands.ping(0, null)));
        assertThat(harness.peerReadsFrame().data()).isEqualTo(bytes(new byte[] {4}, ascii("PONG")));
        assertThat(harness.host.errorCount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void shouldSendSubscriptionsAsCommandsToZmtp31PeersAndAsMessagesToZmtp30Peers(int peerMinor) {
        byte[] greeting = peerMinor == 1 ? NULL_GREETING : nullGreeting30();
        harness.zmtp(EngineHarness.options(SocketType.SUB));
        harness.peerWrites(greeting, Zmtp.ready("PUB", null));
        harness.peerReceives(bytes(NULL_GREETING, SUB_READY));

        harness.host.queue(new Frame(bytes(new byte[] {1}, ascii("news")), 0));
        harness.host.queue(new Frame(bytes(new byte[] {0}, ascii("old")), 0));
        harness.engine().restartOutput();

        if (peerMinor == 1) {
            harness.peerReceives(bytes(
                    shortFrame(4, bytes(new byte[] {9}, ascii("SUBSCRIBE"), ascii("news"))),
                    shortFrame(4, bytes(new byte[] {6}, ascii("CANCEL"), ascii("old")))));
        } else {
            harness.peerReceives(bytes(
                    shortFrame(0, bytes(new byte[] {1}, ascii("news"))),
                    shortFrame(0, bytes(new byte[] {0}, ascii("old")))));
        }
    }

    @Test
    void shouldTurnSubscribeAndCancelCommandsIntoMessagesForAPublisher() {
        activeEngine(SocketType.XPUB, Zmtp.ready("XSUB", null));

        harness.peerWrites(Zmtp.wire(ZmtpCommands.subscribe(ascii("a")), ZmtpCommands.cancel(ascii("b"))));
        assertThat(harness.awaitFlushed(2)).hasSize(2);
        assertThat(harness.host.flushed().get(0).data()).isEqualTo(bytes(new byte[] {1}, ascii("a")));
        assertThat(harness.host.flushed().get(1).data()).isEqualTo(bytes(new byte[] {0}, ascii("b")));
    }

    @Test
    void shouldDropUnknownCommandsAndPongs() {
        activeEngine(SocketType.DEALER, ROUTER_READY);

        harness.peerWrites(Zmtp.wire(
                ZmtpCommands.command("NOTHING", new byte[3]), ZmtpCommands.pong(null), Zmtp.frame("after", false)));
        assertThat(texts(harness.awaitFlushed(1))).containsExactly("after");
        assertThat(harness.host.errorCount()).isZero();
    }

    @Test
    void shouldAnswerAPingWithAPongEchoingItsContext() {
        activeEngine(SocketType.DEALER, ROUTER_READY);

        harness.peerWrites(Zmtp.wire(ZmtpCommands.ping(10, ascii("ctx"))));
        harness.peerReceives(shortFrame(4, bytes(new byte[] {4}, ascii("PONG"), ascii("ctx"))));
    }

    @Test
    void shouldKeepOnlyTheNewestPongForAPeerThatFloodsPingsAndDoesNotRead() throws Exception {
        activeEngine(SocketType.DEALER, ROUTER_READY);
        // small kernel buffers, so the engine's output blocks after a few hundred PONGs
        harness.engineSide.setOption(StandardSocketOptions.SO_SNDBUF, 4096);
        harness.peer.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
        harness.peerStopsReading();
        int pings = 100_000;
        Frame[] flood = new Frame[pings];
        Arrays.fill(flood, ZmtpCommands.ping(0, ascii("0123456789abcdef")));
        flood[pings - 1] = ZmtpCommands.ping(0, ascii("newest"));
        harness.peerWrites(Zmtp.wire(flood));

        harness.peerResumesReading();
        // What the kernel buffered comes first, then the one PONG still queued: the newest PING's. A queue of every
        // PONG (4 M of them grew the heap by 282 MiB) would send all 100,000.
        int limit = pings / 10;
        for (int received = 1; ; received++) {
            Frame pong = harness.peerReadsFrame();
            assertThat(ZmtpCommands.is(pong, ZmtpCommands.PONG)).isTrue();
            if (ZmtpCommands.dataLength(pong) == 6) {
                assertThat(Arrays.copyOfRange(pong.data(), ZmtpCommands.dataOffset(pong), pong.size()))
                        .isEqualTo(ascii("newest"));
                break;
            }
            assertThat(received)
                    .as("PONGs before the newest one: only what the kernel buffers held")
                    .isLessThan(limit);
        }
        assertThat(harness.host.errorCount()).isZero();
    }

    @Test
    void shouldKeepAPongOutOfAMessageBeingSent() {
        activeEngine(SocketType.DEALER, ROUTER_READY);
        harness.host.queue(Zmtp.frame("first", true));
        harness.engine().restartOutput();
        harness.peerReceives(shortFrame(1, ascii("first")));

        harness.peerWrites(Zmtp.wire(ZmtpCommands.ping(0, null)));
        assertThat(harness.unreadFromEngine())
                .as("no PONG inside a multipart message")
                .isZero();

        harness.host.queue(Zmtp.frame("last", false));
        harness.engine().restartOutput();
        harness.peerReceives(bytes(shortFrame(0, ascii("last")), shortFrame(4, bytes(new byte[] {4}, ascii("PONG")))));
    }

    @Test
    void shouldPingAndDropAPeerThatStaysSilent() {
        Options options = EngineHarness.options(SocketType.DEALER);
        options.heartbeatInterval = 20;
        options.heartbeatTtl = 1_000;
        options.heartbeatTimeout = 50;
        activeEngine(options, ROUTER_READY);

        harness.peerReceives(shortFrame(4, bytes(new byte[] {4}, ascii("PING"), new byte[] {0, 10})));
        harness.runUntil(() -> harness.host.errorCount() == 1, "HEARTBEAT_TIMEOUT to expire");
        harness.peerSeesClose();
        assertThat(harness.host.eventTypes())
                .as("an established connection fails with no handshake event")
                .containsExactly(SocketEvent.Type.HANDSHAKE_SUCCEEDED, SocketEvent.Type.DISCONNECTED);
    }

    @Test
    void shouldStopReadingWhileTheHostIsFullAndResumeInOrder() {
        activeEngine(SocketType.DEALER, ROUTER_READY);
        harness.host.limitRoom(2);

        harness.peerWrites(Zmtp.message("m0"), Zmtp.message("m1"), Zmtp.message("m2"), Zmtp.message("m3"));
        assertThat(texts(harness.awaitFlushed(2))).containsExactly("m0", "m1");

        harness.host.limitRoom(1);
        harness.engine().restartInput();

        assertThat(texts(harness.awaitFlushed(3))).containsExactly("m0", "m1", "m2");

        harness.host.unlimitedRoom();
        harness.engine().restartInput();
        harness.peerWrites(Zmtp.message("m4"));
        assertThat(texts(harness.awaitFlushed(5))).containsExactly("m0", "m1", "m2", "m3", "m4");
        assertThat(harness.host.errorCount()).isZero();
    }

    @Test
    void shouldStopWritingWhileThePeerDoesNotReadAndFinishWhenItDoes() {
        activeEngine(SocketType.DEALER, ROUTER_READY);
        harness.peerStopsReading();
        int count = 200;
        byte[] body = new byte[64 * 1024];
        for (int i = 0; i < count; i++) {
            body[0] = (byte) i;
            harness.host.queue(new Frame(body.clone(), 0));
        }

        harness.engine().restartOutput();
        harness.runPending();
        assertThat(harness.host.queuedToSend())
                .as("the kernel's buffers hold less than 12.5 MiB: the engine waits for room, and the loop idles")
                .isPositive();

        harness.peerResumesReading();
        for (int i = 0; i < count; i++) {
            Frame frame = harness.peerReadsFrame();
            assertThat(frame.size()).isEqualTo(body.length);
            assertThat(frame.data()[0]).isEqualTo((byte) i);
        }
        assertThat(harness.host.queuedToSend()).isZero();
    }

    @Test
    void shouldDropAConnectionWhoseFrameExceedsMaxMsgSizeWithNoHandshakeEvent() {
        Options options = EngineHarness.options(SocketType.DEALER);
        options.maxMessageSize = 100;
        activeEngine(options, ROUTER_READY);

        harness.peerWrites(Zmtp.wire(new Frame(new byte[101], 0)));
        harness.peerSeesClose();
        assertThat(harness.host.received()).isEmpty();
        assertThat(harness.host.eventTypes())
                .containsExactly(SocketEvent.Type.HANDSHAKE_SUCCEEDED, SocketEvent.Type.DISCONNECTED);
    }

    @Test
    void shouldRefuseAReadyAnnouncedAt200MiBOnItsHeaderAlone() {
        harness.zmtp(EngineHarness.options(SocketType.DEALER));
        // Only the header of a 200 MiB READY is sent: the connection must end on it, before any body is held.
        byte[] header = {0x06, 0, 0, 0, 0, 0x0C, (byte) 0x80, 0, 0};
        harness.peerWrites(NULL_GREETING, header);

        harness.peerSeesClose();
        assertThat(harness.host.readyCount()).isZero();
        assertThat(harness.host.eventTypes()).containsExactly(SocketEvent.Type.DISCONNECTED);
    }

    @Test
    void shouldTakeAMessageLargerThanTheHandshakeBoundOnceTheHandshakeIsDone() {
        activeEngine(SocketType.DEALER, ROUTER_READY);
        byte[] body = new byte[FrameDecoder.MAX_HANDSHAKE_FRAME + 1];

        harness.peerWrites(Zmtp.wire(new Frame(body, 0)));
        harness.runUntil(() -> harness.host.flushed().size() == 1, "the frame just over the handshake bound");
        assertThat(harness.host.flushed().get(0).size()).isEqualTo(body.length);
    }

    @Test
    void shouldCloseOnlyItsConnectionWhenItsHostThrowsAndLeaveTheLoopRunning() {
        activeEngine(SocketType.DEALER, ROUTER_READY);
        harness.host.failNextPush(new IllegalStateException("injected pipe failure"));

        harness.peerWrites(Zmtp.message("lost"));
        harness.peerSeesClose();
        assertThat(harness.host.errorCount())
                .as("the host told the connection failed")
                .isEqualTo(1);
        assertThat(harness.host.eventTypes())
                .containsExactly(SocketEvent.Type.HANDSHAKE_SUCCEEDED, SocketEvent.Type.DISCONNECTED);
        harness.runPending();
    }

    @Test
    void shouldTellTheHostNothingWhenTheHostTerminatesIt() {
        activeEngine(SocketType.DEALER, ROUTER_READY);

        harness.engine().terminate();
        harness.peerSeesClose();
        assertThat(harness.host.errorCount()).isZero();
        assertThat(harness.host.eventTypes()).containsExactly(SocketEvent.Type.HANDSHAKE_SUCCEEDED);
    }

    @Test
    void shouldReportThePeerLeavingAsDisconnected() throws IOException {
        activeEngine(SocketType.DEALER, ROUTER_READY);

        harness.peer.shutdownOutput();
        harness.runUntil(() -> harness.host.errorCount() == 1, "the engine to notice the end of the stream");
        assertThat(harness.host.recordedEvents().get(1).type()).isEqualTo(SocketEvent.Type.DISCONNECTED);
    }

    /**
     * The room left for ZAP: a mechanism that must ask an authenticator before it answers stays HANDSHAKING with
     * nothing to send, and the engine goes on only when told the reply arrived.
     */
    @Test
    void shouldHoldTheHandshakeUntilTheAuthenticationReplyArrives() {
        Options options = EngineHarness.options(SocketType.DEALER);
        WaitingMechanism mechanism = new WaitingMechanism(new NullMechanism(options));
        harness.plug(new ZmtpEngine(harness.engineSide, null, options, harness.endpoint, mechanism));

        harness.peerWrites(NULL_GREETING, ROUTER_READY);
        harness.peerReceives(NULL_GREETING);
        assertThat(harness.unreadFromEngine()).as("no READY before the reply").isZero();
        assertThat(harness.host.readyCount()).isZero();

        harness.engine().zapReplyArrived();
        harness.peerReceives(DEALER_READY);
        assertThat(harness.host.readyCount()).isEqualTo(1);
        assertThat(harness.host.eventTypes()).containsExactly(SocketEvent.Type.HANDSHAKE_SUCCEEDED);
    }

    /** NULL, but holding its READY back until {@link #zapReplyArrived()}, as a ZAP-asking server would. */
    private static final class WaitingMechanism implements Mechanism {
        private final Mechanism delegate;
        private boolean replied;

        WaitingMechanism(Mechanism delegate) {
            this.delegate = delegate;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public boolean asServer() {
            return delegate.asServer();
        }

        @Override
        public Frame nextHandshakeCommand() {
            return replied ? delegate.nextHandshakeCommand() : null;
        }

        @Override
        public void processHandshakeCommand(Frame frame) throws ProtocolException {
            delegate.processHandshakeCommand(frame);
        }

        @Override
        public void zapReplyArrived() {
            replied = true;
        }

        @Override
        public Status status() {
            return replied ? delegate.status() : Status.HANDSHAKING;
        }

        @Override
        public HandshakeFailure failure() {
            return delegate.failure();
        }

        @Override
        public Metadata peerMetadata() {
            return delegate.peerMetadata();
        }

        @Override
        public Frame encode(Frame frame) {
            return frame;
        }

        @Override
        public Frame decode(Frame frame) {
            return frame;
        }
    }

    /** A handshake in which the engine needs nothing more than greeting and READY, then its first frames. */
    private void activeEngine(SocketType type, byte[] peerReady) {
        activeEngine(EngineHarness.options(type), peerReady);
    }

    private void activeEngine(Options options, byte[] peerReady) {
        harness.zmtp(options);
        harness.peerWrites(NULL_GREETING, peerReady);
        harness.peerReads(64);
        Frame ready = harness.peerReadsFrame();
        assertThat(ready.isCommand()).isTrue();
        assertThat(ZmtpCommands.is(ready, ZmtpCommands.READY)).isTrue();
        assertThat(harness.host.readyCount()).isEqualTo(1);
    }

    private void assertHandshakeFailed(SocketEvent.Type type, int value) {
        assertThat(harness.host.eventTypes()).containsExactly(type, SocketEvent.Type.DISCONNECTED);
        assertThat(harness.host.recordedEvents().get(0).value()).isEqualTo(value);
        assertThat(harness.host.errorCount()).isEqualTo(1);
        assertThat(harness.host.readyCount()).isZero();
    }

    private static List<String> texts(List<Frame> frames) {
        return frames.stream().map(frame -> new String(frame.data())).toList();
    }
}
