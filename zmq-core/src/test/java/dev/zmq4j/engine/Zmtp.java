package dev.zmq4j.engine;

import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.FrameEncoder;
import dev.zmq4j.protocol.GoldenVectors;
import dev.zmq4j.protocol.Metadata;
import dev.zmq4j.protocol.ZmtpCommands;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** Bytes a ZMTP peer sends, built for the engine tests from the codec (which has golden-vector tests of its own). */
final class Zmtp {
    private Zmtp() {}

    /** The encoded frames, back to back. */
    static byte[] wire(Frame... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameEncoder encoder = new FrameEncoder();
        ByteBuffer buffer = ByteBuffer.allocate(256);
        for (Frame frame : frames) {
            encoder.load(frame);
            boolean done;
            do {
                buffer.clear();
                done = encoder.encode(buffer);
                out.write(buffer.array(), 0, buffer.position());
            } while (!done);
        }
        return out.toByteArray();
    }

    /** A NULL READY announcing {@code socketType}, and an Identity when {@code identity} is not null. */
    static byte[] ready(String socketType, byte[] identity) {
        Metadata metadata = new Metadata().put(Metadata.SOCKET_TYPE, socketType);
        if (identity != null) {
            metadata.put(Metadata.IDENTITY, identity);
        }
        return wire(ZmtpCommands.ready(metadata));
    }

    static byte[] message(String... parts) {
        Frame[] frames = new Frame[parts.length];
        for (int i = 0; i < parts.length; i++) {
            frames[i] = new Frame(GoldenVectors.ascii(parts[i]), i < parts.length - 1 ? Frame.MORE : 0);
        }
        return wire(frames);
    }

    static Frame frame(String text, boolean more) {
        return new Frame(GoldenVectors.ascii(text), more ? Frame.MORE : 0);
    }
}
