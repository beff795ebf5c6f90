package dev.zmq4j.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.mechanism.ZapChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * A ZAP handler (27/ZAP) that answers at once, as the fuzzer says: 200, 300, 400 or 500 in a well-formed reply, or
 * frames of its own. With no fuzz data left it lets the peer in, so that an input that runs out completes the
 * handshake.
 */
final class FuzzedZapHandler implements ZapChannel {
    private final FuzzedDataProvider data;
    private final ArrayDeque<Frame> reply = new ArrayDeque<>();
    private boolean wellFormedWelcome = true;

    FuzzedZapHandler(FuzzedDataProvider data) {
        this.data = data;
    }

    /** Whether every reply so far was a well-formed 200. */
    boolean acceptedAll() {
        return wellFormedWelcome;
    }

    @Override
    public boolean open() {
        return true;
    }

    @Override
    public void send(Frame frame) {
        if (!frame.hasMore()) {
            answer();
        }
    }

    private void answer() {
        int kind = data.consumeInt(0, 4);
        if (kind == 4) {
            wellFormedWelcome = false;
            int frames = data.consumeInt(0, 9);
            for (int i = 0; i < frames; i++) {
                boolean more = i < frames - 1 ? data.consumeInt(0, 7) > 0 : data.consumeInt(0, 7) == 0;
                reply.add(new Frame(data.consumeBytes(data.consumeInt(0, 24)), more ? Frame.MORE : 0));
            }
            return;
        }
        String status = new String[] {"200", "300", "400", "500"}[kind];
        wellFormedWelcome &= kind == 0;
        for (String part : new String[] {"", "1.0", "1", status, "fuzz", "user"}) {
            reply.add(new Frame(part.getBytes(StandardCharsets.US_ASCII), Frame.MORE));
        }
        reply.add(new Frame(new byte[0], 0));
    }

    @Override
    public boolean receive(Frame view) {
        Frame next = reply.poll();
        if (next == null) {
            return false;
        }
        view.setFrom(next);
        return true;
    }

    @Override
    public void close() {}
}
