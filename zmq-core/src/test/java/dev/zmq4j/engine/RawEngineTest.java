package dev.zmq4j.engine;

import static dev.zmq4j.protocol.GoldenVectors.ascii;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketType;
import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.pipe.FrameQueue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The raw engine of STREAM sockets on its own: bytes as they are, connect and disconnect notifications, closing. */
class RawEngineTest {
    private final EngineHarness harness = new EngineHarness();

    @AfterEach
    void close() throws IOException {
        harness.close();
    }

    @Test
    void shouldAnnounceTheConnectionAndPassBytesBothWaysUnframed() {
        harness.raw(EngineHarness.options(SocketType.STREAM));
        assertThat(harness.host.readyCount()).as("no handshake").isEqualTo(1);
        assertThat(texts(harness.host.flushed())).as("the connect notification").containsExactly("");

        harness.peerWrites(ascii("hello"));
        assertThat(texts(harness.awaitFlushed(2))).containsExactly("", "hello");

        harness.host.queue(new Frame(ascii("wor"), 0)).queue(new Frame(ascii("ld"), 0));
        harness.engine().restartOutput();
        harness.peerReceives(ascii("world"));
        assertThat(harness.host.recordedEvents()).isEmpty();
    }

    @Test
    void shouldSendNoNotificationsWithoutStreamNotify() throws IOException {
        Options options = EngineHarness.options(SocketType.STREAM);
        options.streamNotify = false;
        harness.raw(options);

        harness.peerWrites(ascii("data"));
        harness.peer.shutdownOutput();
        harness.runUntil(() -> harness.host.errorCount() == 1, "the engine to notice the peer left");
        assertThat(texts(harness.host.flushed())).containsExactly("data");
    }

    @Test
    void shouldDeliverALargeWriteInChunksThatFitThePipesInlineStorage() {
        harness.raw(EngineHarness.options(SocketType.STREAM));
        byte[] sent = new byte[3 * FrameQueue.INLINE_MAX + 100];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = (byte) i;
        }

        harness.peerWrites(sent);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        harness.runUntil(
                () -> {
                    joined.reset();
                    harness.host.flushed().stream().skip(1).forEach(frame -> joined.writeBytes(frame.data()));
                    return joined.size() == sent.length;
                },
                sent.length + " bytes in chunks");
        assertThat(joined.toByteArray()).isEqualTo(sent);
        assertThat(harness.host.flushed())
                .allSatisfy(frame -> assertThat(frame.size()).isLessThanOrEqualTo(FrameQueue.INLINE_MAX));
    }

    @Test
    void shouldWriteEverythingBeforeACloseRequestThenCloseAndDrainThePipe() {
        harness.raw(EngineHarness.options(SocketType.STREAM));
        harness.host
                .queue(new Frame(ascii("last "), 0))
                .queue(new Frame(ascii("words"), 0))
                .queue(new Frame());

        harness.engine().restartOutput();
        harness.peerReceives(ascii("last words"));
        harness.peerSeesClose();

        harness.host.queue(new Frame(ascii("after the close"), 0));
        harness.engine().restartOutput();
        assertThat(harness.host.queuedToSend())
                .as("discarded, so the pipe can terminate")
                .isZero();
        assertThat(harness.host.errorCount())
                .as("the session ends with its pipe")
                .isZero();
        assertThat(harness.host.recordedEvents())
                .as("closed by the application, not disconnected")
                .isEmpty();
    }

    @Test
    void shouldNotifyThePeerLeavingAfterItsLastData() throws IOException {
        harness.raw(EngineHarness.options(SocketType.STREAM));

        harness.peerWrites(ascii("bye"));
        harness.peer.shutdownOutput();
        harness.runUntil(() -> harness.host.errorCount() == 1, "the engine to notice the peer left");
        assertThat(texts(harness.host.flushed())).containsExactly("", "bye", "");
        assertThat(harness.host.eventTypes()).containsExactly(SocketEvent.Type.DISCONNECTED);
    }

    @Test
    void shouldHoldTheDisconnectNotificationUntilThePipeHasRoom() throws IOException {
        harness.host.limitRoom(2);
        harness.raw(EngineHarness.options(SocketType.STREAM));

        harness.peerWrites(ascii("last"));
        harness.peer.shutdownOutput();
        harness.runUntil(
                () -> harness.host.eventTypes().contains(SocketEvent.Type.DISCONNECTED),
                "the engine to notice the peer left");
        assertThat(texts(harness.host.flushed())).containsExactly("", "last");
        assertThat(harness.host.errorCount())
                .as("the end waits for room for its notification")
                .isZero();

        harness.host.unlimitedRoom();
        harness.engine().restartInput();
        assertThat(texts(harness.host.flushed())).containsExactly("", "last", "");
        assertThat(harness.host.errorCount()).isEqualTo(1);
    }

    @Test
    void shouldWriteWhatIsBufferedWhenTerminated() {
        harness.raw(EngineHarness.options(SocketType.STREAM));
        harness.peerStopsReading();
        byte[] body = new byte[64 * 1024];
        for (int i = 0; i < 100; i++) {
            harness.host.queue(new Frame(body, 0));
        }
        harness.engine().restartOutput();
        harness.runPending();

        harness.engine().terminate();
        harness.peerResumesReading();
        harness.peerSeesClose();
        assertThat(harness.host.errorCount()).isZero();
        assertThat(harness.host.recordedEvents()).isEmpty();
    }

    private static List<String> texts(List<Frame> frames) {
        return frames.stream().map(frame -> new String(frame.data())).toList();
    }
}
