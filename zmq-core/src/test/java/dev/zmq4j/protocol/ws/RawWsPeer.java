package dev.zmq4j.protocol.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.ProtocolException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * One end of a ZWS 2.0 connection over a plain blocking socket, built from the codec classes alone, for tests that
 * must see or send exact WebSocket frames: the encoder (masking when we are the client), the decoder, and a buffer
 * of what was read and not yet decoded. Reads time out as the socket's SO_TIMEOUT says.
 */
public final class RawWsPeer {
    private final InputStream in;
    private final OutputStream out;
    private final WsFrameEncoder encoder;
    private final WsFrameDecoder decoder;
    private final ByteBuffer input = ByteBuffer.allocate(64 * 1024).flip();
    private WsFrameDecoder.Result lastResult;

    /** @param client whether we are the WebSocket client */
    public RawWsPeer(Socket socket, boolean client) throws IOException {
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.encoder = new WsFrameEncoder(client);
        this.decoder = new WsFrameDecoder(!client, -1);
    }

    /** The buffer of bytes read and not yet decoded (read mode), for a handshake to take its bytes from. */
    public ByteBuffer input() {
        return input;
    }

    /** Reads what the kernel has (at least a byte) after what is still undecoded. */
    public void fill() throws IOException {
        input.compact();
        int count = in.read(input.array(), input.position(), input.remaining());
        if (count < 0) {
            input.flip();
            throw new IOException("the peer closed the connection");
        }
        input.position(input.position() + count).flip();
    }

    /** Whether the peer has closed the connection, once what it sent before is read; false if it sends more. */
    public boolean closedByPeer() throws IOException {
        input.clear().flip();
        return in.read() < 0;
    }

    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public void send(Frame frame) throws IOException {
        encoder.load(frame);
        write(WsFrameCodecTest.encode(encoder, 1024));
    }

    public void sendControl(int opcode, byte[] payload) throws IOException {
        encoder.loadControl(opcode, payload, 0, payload.length);
        write(WsFrameCodecTest.encode(encoder, 1024));
    }

    /** The next data frame; fails on a control frame. */
    public Frame receive() throws IOException, ProtocolException {
        Frame frame = receiveAny();
        assertThat(lastResult).as("a data frame, not a control frame").isEqualTo(WsFrameDecoder.Result.FRAME);
        return frame;
    }

    /**
     * The next data or control frame: a control frame's payload is returned as a frame; {@link #lastResult()} says
     * which it was.
     */
    public Frame receiveAny() throws IOException, ProtocolException {
        Frame view = new Frame();
        while (true) {
            lastResult = decoder.decode(input, view);
            if (lastResult == WsFrameDecoder.Result.FRAME) {
                return view.copy();
            }
            if (lastResult != WsFrameDecoder.Result.NEED_MORE) {
                ByteBuffer payload = decoder.controlPayload();
                byte[] copy = new byte[payload.remaining()];
                payload.get(copy);
                return new Frame(copy, 0);
            }
            fill();
        }
    }

    public WsFrameDecoder.Result lastResult() {
        return lastResult;
    }
}
