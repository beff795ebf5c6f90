package dev.zmq4j.security;

import dev.zmq4j.CurveKeyPair;
import dev.zmq4j.SocketType;
import dev.zmq4j.core.Options;
import dev.zmq4j.core.Security;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.ProtocolException;
import dev.zmq4j.protocol.mechanism.curve.CurveClient;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A hand-driven CURVE client over a plain TCP socket, for sending a server commands a real client would never
 * send: it speaks the greeting itself and gets valid HELLO and INITIATE bodies from zmq4j's {@link CurveClient}
 * (as libzmq's tests use curve_client_tools), which the test may then corrupt byte by byte.
 *
 * <p>Used by one test thread; every read is bounded by the socket's timeout.
 */
final class RawCurveClient implements AutoCloseable {
    private final java.net.Socket socket = new java.net.Socket();
    private final OutputStream out;
    private final DataInputStream in;
    private final CurveClient mechanism;

    RawCurveClient(String endpoint, byte[] serverKey, CurveKeyPair client) throws IOException {
        URI uri = URI.create(endpoint);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
        Options options = new Options();
        options.type = SocketType.DEALER;
        options.announcesRoutingId = true;
        options.security = Security.CURVE;
        options.curveServerKey = serverKey;
        options.curvePublicKey = client.publicKey();
        options.curveSecretKey = client.secretKey();
        mechanism = new CurveClient(options);
    }

    /** Exchanges ZMTP 3.0 greetings announcing CURVE as a client. */
    RawCurveClient greet() throws IOException {
        byte[] greeting = new byte[64];
        greeting[0] = (byte) 0xFF;
        greeting[9] = 0x7F;
        greeting[10] = 3;
        byte[] name = "CURVE".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, greeting, 12, name.length);
        out.write(greeting);
        out.flush();
        in.readFully(new byte[64]);
        return this;
    }

    /** The body of a valid HELLO. */
    byte[] hello() {
        return mechanism.nextHandshakeCommand().data();
    }

    /** Reads the server's WELCOME and returns the body of a valid INITIATE answering it. */
    byte[] initiateAfterWelcome() throws IOException, ProtocolException {
        byte[] welcome = readCommand();
        mechanism.processHandshakeCommand(new Frame(welcome, Frame.COMMAND));
        return mechanism.nextHandshakeCommand().data();
    }

    /** Sends INITIATE, reads READY: the handshake is done and {@link #box} may be used. */
    void finishHandshake(byte[] initiate) throws IOException, ProtocolException {
        sendCommand(initiate);
        mechanism.processHandshakeCommand(new Frame(readCommand(), Frame.COMMAND));
        if (mechanism.status() != dev.zmq4j.protocol.mechanism.Mechanism.Status.READY) {
            throw new AssertionError("the CURVE handshake did not complete: " + mechanism.failure());
        }
    }

    /** The MESSAGE command (as an outer message frame's body) that boxes {@code text}. */
    byte[] box(String text) {
        return mechanism
                .encode(new Frame(text.getBytes(StandardCharsets.US_ASCII), 0))
                .data()
                .clone();
    }

    /** Sends a message frame (short form) with this body. */
    void sendMessageFrame(byte[] body) throws IOException {
        out.write(new byte[] {0x00, (byte) body.length});
        out.write(body);
        out.flush();
    }

    /** Sends a command frame: short form below 256 bytes, long form above, as libzmq's send_command. */
    void sendCommand(byte[] body) throws IOException {
        if (body.length < 256) {
            out.write(new byte[] {0x04, (byte) body.length});
        } else {
            byte[] header = new byte[9];
            header[0] = 0x06;
            for (int i = 0; i < 8; i++) {
                header[8 - i] = (byte) ((long) body.length >>> (8 * i));
            }
            out.write(header);
        }
        out.write(body);
        out.flush();
    }

    /** Sends raw bytes, whatever they are. */
    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    byte[] readCommand() throws IOException {
        int flags = in.readUnsignedByte();
        long size = (flags & 0x02) != 0 ? in.readLong() : in.readUnsignedByte();
        byte[] body = new byte[(int) size];
        in.readFully(body);
        return body;
    }

    static byte[] corrupt(byte[] body, int index, byte value) {
        byte[] copy = Arrays.copyOf(body, body.length);
        copy[index] = value;
        return copy;
    }

    static byte[] flip(byte[] body, int index) {
        return corrupt(body, index, (byte) (body[index] ^ 0x01));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
