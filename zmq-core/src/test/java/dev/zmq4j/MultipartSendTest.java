package dev.zmq4j;

import static dev.zmq4j.interop.ZmqTestSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.interop.ContextFixture;
import dev.zmq4j.interop.ZmqTestSupport;
import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A multipart message is sent all or nothing, by every socket type that sends one (issue 12 item 8): a
 * {@code send(Message)} that cannot be taken returns false with nothing queued, as a one-frame send does, and one
 * that was taken reaches one peer whole (or is lost whole with a peer that goes away), never a tail without its
 * head. PUB, and XPUB without XPUB_NODROP, drop a message for a subscriber at its high-water mark, whole.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MultipartSendTest extends ContextFixture {
    private static final int WAIT_MS = 10_000;

    // ---- a peer leaving between two frames ------------------------------------------------------------------

    /**
     * Sends [head, middle, tail] to the one peer there is, which leaves after the head went out; a second peer
     * connects at the same moment. Whatever became of the message, none of it may reach the second peer: the next
     * message, "after", must be the first thing it gets.
     *
     * <p>In real life the peer leaves at a random moment; a frame list that runs the departure when
     * {@code send(Message)} asks for the second frame puts it exactly between the first two frames.
     */
    @ParameterizedTest(name = "{0} to {1}")
    @CsvSource({"PUSH, PULL", "DEALER, DEALER", "REQ, ROUTER"})
    void shouldNotGiveTheRestOfAMessageToAnotherPeerWhenItsPeerLeavesBetweenFrames(
            SocketType senderType, SocketType peerType) {
        String endpoint = "inproc://leaves-between-frames-" + senderType;
        Socket sender = socket(senderType);
        // A middle frame refused by the leaving peer's pipe would wait for room: keep that wait short.
        sender.set(SocketOption.SNDTIMEO, 200);
        if (senderType == SocketType.REQ) {
            sender.set(SocketOption.REQ_RELAXED, true); // "after" is a new request while the first is unanswered
        }
        sender.bind(endpoint);
        Socket leaving = socket(peerType);
        leaving.connect(endpoint);
        List<Socket> next = new ArrayList<>();
        Message message = messageWithHook(1, () -> {
            leaving.close();
            awaitCommand(sender, "the pipe_term of the peer that left");
            Socket arriving = socket(peerType);
            arriving.connect(endpoint);
            next.add(arriving);
        });

        assertThat(sender.send(message)).as("send([head, middle, tail])").isTrue();
        assertThat(sender.send("after")).as("send(after)").isTrue();

        Message first = next.get(0).recvMessage();
        assertThat(first).as("what the peer connected meanwhile got first").isNotNull();
        assertThat(strings(first))
                .as(
                        "the %s connected while a %s was sending [head, middle, tail] to another peer got",
                        peerType, senderType)
                .doesNotContain("head", "middle", "tail")
                .endsWith("after");
    }

    /**
     * A PAIR has one pipe. When it ended between two frames of a {@code send(Message)}, the frame-by-frame loop
     * waited for room in it for the second frame, for ever under the default SNDTIMEO (-1): the send never returned,
     * and with a finite SNDTIMEO it returned true once the timeout expired, with the first frame left in the pipe.
     */
    @Test
    void shouldFinishAPairMessageWhoseOnlyPeerLeavesBetweenFrames() {
        Socket pair = context.socket(SocketType.PAIR);
        pair.set(SocketOption.LINGER, 0); // SNDTIMEO stays -1: a send that waits for room waits without limit
        pair.bind("inproc://pair-leaves-between-frames");
        Socket leaving = socket(SocketType.PAIR);
        leaving.connect("inproc://pair-leaves-between-frames");
        Message message = messageWithHook(1, () -> {
            leaving.close();
            awaitCommand(pair, "the pipe_term of the peer that left");
        });

        AtomicBoolean sent = new AtomicBoolean();
        ZmqTestSupport.runBounded(
                "a PAIR send(Message) whose peer left between its frames",
                Duration.ofMillis(WAIT_MS),
                () -> sent.set(pair.send(message)));
        assertThat(sent)
                .as("send(Message) returned true: taken whole, lost whole with the peer")
                .isTrue();
    }

    /**
     * Frame by frame, commands are processed between the frames, so the pipe's end is seen in the middle of the
     * message. (A DEALER's pipe ends only once the DEALER reads the peer's last word, so the end is seen before the
     * pipe is gone; a PUSH's may be gone by then, which the load balancer always handled.)
     */
    @Test
    void shouldDropTheRestOfAMessageSentFrameByFrameWhenItsPeerLeavesInTheMiddle() {
        Socket dealer = socket(SocketType.DEALER);
        dealer.set(SocketOption.SNDTIMEO, 200); // a refused middle frame would wait for room: keep that wait short
        dealer.bind("inproc://leaves-frame-by-frame");
        Socket leaving = socket(SocketType.DEALER);
        leaving.connect("inproc://leaves-frame-by-frame");
        assertThat(dealer.send("head", Socket.SNDMORE)).isTrue();
        leaving.close();
        awaitCommand(dealer, "the pipe_term of the peer that left");
        Socket arriving = socket(SocketType.DEALER);
        arriving.connect("inproc://leaves-frame-by-frame");

        // The head went with the pipe that took it; the rest of its message has nowhere to go and is dropped.
        assertThat(dealer.send("middle", Socket.SNDMORE)).isTrue();
        assertThat(dealer.send("tail")).isTrue();
        assertThat(dealer.send("after")).isTrue();

        assertThat(strings(arriving.recvMessage()))
                .as("what the DEALER connected after the head was sent got first")
                .containsExactly("after");
    }

    // ---- SNDTIMEO expiring ----------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} to {1}")
    @CsvSource({"PUSH, PULL", "DEALER, DEALER", "PAIR, PAIR"})
    void shouldLeaveNothingOfAMessageThatTimedOut(SocketType senderType, SocketType peerType) {
        Socket peer = socket(peerType);
        Socket sender = connectAtHighWaterMarkOne(socket(senderType), peer);
        assertATimedOutMessageLeavesNothingBehind(sender, peer, null);
    }

    @Test
    void shouldLeaveNothingOfAMandatoryRouterMessageThatTimedOut() {
        Socket peer = socket(SocketType.DEALER);
        peer.set(SocketOption.ROUTING_ID, bytes("peer"));
        Socket router = socket(SocketType.ROUTER);
        router.set(SocketOption.ROUTER_MANDATORY, true); // waits at the high-water mark instead of dropping
        Socket connected = connectAtHighWaterMarkOne(router, peer);
        assertATimedOutMessageLeavesNothingBehind(connected, peer, bytes("peer"));
    }

    @Test
    void shouldLeaveNothingOfANoDropXPubMessageThatTimedOut() {
        Socket sub = socket(SocketType.SUB);
        sub.set(SocketOption.SUBSCRIBE, new byte[0]);
        Socket xpub = socket(SocketType.XPUB);
        xpub.set(SocketOption.XPUB_NODROP, true); // waits at the high-water mark instead of dropping
        connectAtHighWaterMarkOne(xpub, sub);
        assertThat(xpub.recv())
                .as("the subscription, which makes the SUB a destination")
                .isEqualTo(new byte[] {1});
        assertATimedOutMessageLeavesNothingBehind(xpub, sub, null);
    }

    /**
     * Fills the pipe with whole messages, then sends one that times out: false, and the receiver gets the queued
     * messages whole and then the next one sent, with no frame of the one that timed out in between.
     */
    private static void assertATimedOutMessageLeavesNothingBehind(Socket sender, Socket receiver, byte[] address) {
        sender.set(SocketOption.SNDTIMEO, 0);
        int queued = 0;
        while (sender.send(message(address, "queued", Integer.toString(queued)))) {
            if (++queued > 1000) {
                throw new AssertionError("a " + sender.type() + " with SNDHWM 1 accepted " + queued + " messages");
            }
        }
        assertThat(queued).as("messages queued before the high-water mark").isPositive();

        sender.set(SocketOption.SNDTIMEO, 20);
        assertThat(sender.send(message(address, "late", "1", "2")))
                .as("a %s send(Message) whose SNDTIMEO expired at the high-water mark", sender.type())
                .isFalse();

        for (int i = 0; i < queued; i++) {
            assertThat(strings(receiver.recvMessage()))
                    .as("queued message %d", i)
                    .containsExactly("queued", Integer.toString(i));
        }
        sender.set(SocketOption.SNDTIMEO, WAIT_MS);
        assertThat(sender.send(message(address, "after", "x"))).isTrue();
        assertThat(strings(receiver.recvMessage()))
                .as("the message after the one that timed out")
                .containsExactly("after", "x");
    }

    // ---- dropping at the high-water mark --------------------------------------------------------------------

    @Test
    void shouldDropAPublishedMessageWholeForASubscriberAtItsHighWaterMark() {
        Socket sub = socket(SocketType.SUB);
        sub.set(SocketOption.SUBSCRIBE, new byte[0]);
        Socket pub = socket(SocketType.PUB);
        connectAtHighWaterMarkOne(pub, sub);
        // A PUB sends nothing to a subscriber whose subscription it has not read yet: publish until one arrives.
        sub.set(SocketOption.RCVTIMEO, 10);
        while (sub.recvMessage() == null) {
            pub.send(Message.of("hello"));
        }
        while (sub.recv(Socket.DONTWAIT) != null) {
            // the rest of the greetings
        }

        int sent = 50;
        for (int i = 0; i < sent; i++) {
            assertThat(pub.send(Message.of("topic", Integer.toString(i), "end")))
                    .as("a PUB never blocks")
                    .isTrue();
        }
        // Everything the PUB wrote is flushed to the inproc pipe: a non-blocking drain sees all of it.
        int received = 0;
        Message message;
        while ((message = sub.recvMessage(Socket.DONTWAIT)) != null) {
            assertThat(strings(message))
                    .as("message %d received of %d sent to a subscriber at SNDHWM 1", received, sent)
                    .hasSize(3)
                    .startsWith("topic")
                    .endsWith("end");
            received++;
        }
        assertThat(received).as("messages the full subscriber got").isBetween(1, sent - 1);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** Binds {@code sender} with SNDHWM 1 and connects {@code peer}, RCVHWM 1, to it over inproc. */
    private static Socket connectAtHighWaterMarkOne(Socket sender, Socket peer) {
        String endpoint = "inproc://hwm-one-" + sender.type() + "-" + System.nanoTime();
        sender.set(SocketOption.SNDHWM, 1);
        peer.set(SocketOption.RCVHWM, 1);
        peer.set(SocketOption.RCVTIMEO, WAIT_MS);
        sender.bind(endpoint);
        peer.connect(endpoint);
        return sender;
    }

    private static Message message(byte[] address, String... frames) {
        List<byte[]> all = new ArrayList<>();
        if (address != null) {
            all.add(address);
        }
        for (String frame : frames) {
            all.add(bytes(frame));
        }
        return Message.of(all.toArray(new byte[0][]));
    }

    /** [head, middle, tail], running {@code hook} once when frame {@code index} is first asked for. */
    private static Message messageWithHook(int index, Runnable hook) {
        List<byte[]> frames = List.of(bytes("head"), bytes("middle"), bytes("tail"));
        return Message.ofReceived(
                new AbstractList<>() {
                    private boolean hookRan;

                    @Override
                    public byte[] get(int i) {
                        if (i == index && !hookRan) {
                            hookRan = true;
                            hook.run();
                        }
                        return frames.get(i);
                    }

                    @Override
                    public int size() {
                        return frames.size();
                    }
                },
                null);
    }

    /** Waits until a command is queued for {@code socket} (whose thread this is), without taking it. */
    private static void awaitCommand(Socket socket, String what) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (!socket.base().mailbox().hasCommands()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not reach the " + socket.type() + " within " + WAIT_MS + " ms");
            }
            Thread.onSpinWait();
        }
    }

    private static List<String> strings(Message message) {
        assertThat(message).as("a message (none came within RCVTIMEO)").isNotNull();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < message.size(); i++) {
            texts.add(message.getString(i));
        }
        return texts;
    }
}
