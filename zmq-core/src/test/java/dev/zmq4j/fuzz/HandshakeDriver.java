package dev.zmq4j.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.ProtocolException;
import dev.zmq4j.protocol.mechanism.Mechanism;
import java.util.Arrays;

/**
 * Runs a client and a server mechanism against each other, frames in and frames out, with the fuzzer in the middle:
 * each frame, handshake command or message, may go through untouched, be replaced, overwritten in places, truncated,
 * extended or delivered twice. Whatever it does, only {@link ProtocolException} or a FAILED status may come of it;
 * the caller adds what its mechanism promises on top (see {@link Expectation}).
 *
 * <p>Not thread-safe: one execution of a fuzz target.
 */
final class HandshakeDriver {
    /** What a mechanism promises about frames the fuzzer changed. */
    interface Expectation {
        /** Whether the receiver must refuse {@code changed}, a copy of {@code original} with other bytes. */
        boolean mustRefuse(Frame original, Frame changed);

        /** Whether a message delivered twice must be refused the second time (a handshake command always is). */
        boolean refusesReplayedMessages();
    }

    private static final int UNTOUCHED = 0;
    private static final int REPLACED = 1;
    private static final int OVERWRITTEN = 2;
    private static final int TRUNCATED = 3;
    private static final int EXTENDED = 4;
    private static final int REPLAYED = 5;

    private final FuzzedDataProvider data;
    private final Expectation expectation;
    private boolean tampered;

    HandshakeDriver(FuzzedDataProvider data, Expectation expectation) {
        this.data = data;
        this.expectation = expectation;
    }

    /** Whether any frame was delivered changed or twice. */
    boolean tampered() {
        return tampered;
    }

    /**
     * Runs the handshake until both sides are READY, one refuses or fails, or nothing moves any more; then, if both
     * are READY, a few messages each way. Returns true when both sides became READY.
     */
    boolean run(Mechanism client, Mechanism server) {
        for (int round = 0; round < 8; round++) {
            boolean moved = pump(client, server) | pump(server, client);
            if (failed(client) || failed(server)) {
                return false;
            }
            if (ready(client) && ready(server)) {
                exchangeMessages(client, server);
                return true;
            }
            if (!moved) {
                return false;
            }
        }
        return false;
    }

    /** Sends everything {@code from} has to say; false when it had nothing. */
    private boolean pump(Mechanism from, Mechanism to) {
        boolean moved = false;
        Frame command;
        while (!failed(from) && !failed(to) && (command = from.nextHandshakeCommand()) != null) {
            moved = true;
            deliver(command.copy(), frame -> to.processHandshakeCommand(frame), to, false);
        }
        return moved;
    }

    private interface Receiver {
        void take(Frame frame) throws ProtocolException;
    }

    /** Delivers {@code original}, maybe changed; false when the receiver refused it or failed. */
    private boolean deliver(Frame original, Receiver receiver, Mechanism to, boolean message) {
        int change = data.consumeInt(0, 5);
        Frame frame = change == REPLAYED || change == UNTOUCHED ? original : changed(original, change);
        boolean bodyChanged = !Arrays.equals(original.data(), frame.data());
        tampered |= bodyChanged || frame.flags() != original.flags() || change == REPLAYED;
        boolean accepted = take(receiver, frame, to);
        if (bodyChanged && expectation.mustRefuse(original, frame)) {
            assertThat(accepted).as("accepted a changed frame: %s", frame).isFalse();
        }
        if (change == REPLAYED && accepted && (!message || expectation.refusesReplayedMessages())) {
            assertThat(take(receiver, original.copy(), to))
                    .as("accepted the same frame twice: %s", original)
                    .isFalse();
            return false;
        }
        return accepted;
    }

    private static boolean take(Receiver receiver, Frame frame, Mechanism to) {
        try {
            receiver.take(frame);
        } catch (ProtocolException refused) {
            return false;
        }
        if (failed(to)) {
            assertThat(to.failure()).as("a FAILED mechanism says why").isNotNull();
            return false;
        }
        return true;
    }

    private Frame changed(Frame original, int change) {
        byte[] body = original.data().clone();
        int flags = original.flags();
        switch (change) {
            case REPLACED:
                body = data.consumeBytes(data.consumeInt(0, 300));
                flags = data.consumeBoolean() ? flags : flags ^ Frame.COMMAND;
                break;
            case OVERWRITTEN:
                for (int i = data.consumeInt(1, 4); i > 0 && body.length > 0; i--) {
                    body[data.consumeInt(0, body.length - 1)] = data.consumeByte();
                }
                break;
            case TRUNCATED:
                body = Arrays.copyOf(body, body.length == 0 ? 0 : data.consumeInt(0, body.length - 1));
                break;
            default:
                byte[] extra = data.consumeBytes(data.consumeInt(1, 64));
                body = Arrays.copyOf(body, body.length + extra.length);
                System.arraycopy(extra, 0, body, body.length - extra.length, extra.length);
        }
        return new Frame(body, flags);
    }

    /** Up to three messages each way, each checked to arrive as sent when nobody touched it. */
    private void exchangeMessages(Mechanism client, Mechanism server) {
        for (int i = 0; i < 6 && data.remainingBytes() > 0; i++) {
            Mechanism from = i % 2 == 0 ? client : server;
            Mechanism to = i % 2 == 0 ? server : client;
            Frame message =
                    new Frame(data.consumeBytes(data.consumeInt(0, 100)), data.consumeBoolean() ? Frame.MORE : 0);
            Frame wire = from.encode(message).copy();
            Frame[] decoded = new Frame[1];
            int tamperedBefore = tampered ? 1 : 0;
            tampered = false;
            boolean accepted =
                    deliver(wire, frame -> decoded[0] = to.decode(frame).copy(), to, true);
            if (accepted && !tampered) {
                assertThat(decoded[0].data()).as("message body").isEqualTo(message.data());
                assertThat(decoded[0].hasMore()).as("MORE").isEqualTo(message.hasMore());
            }
            tampered |= tamperedBefore == 1;
            if (!accepted) {
                return;
            }
        }
    }

    private static boolean failed(Mechanism mechanism) {
        return mechanism.status() == Mechanism.Status.FAILED;
    }

    private static boolean ready(Mechanism mechanism) {
        return mechanism.status() == Mechanism.Status.READY;
    }
}
