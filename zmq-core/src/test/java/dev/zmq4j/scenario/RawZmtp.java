package dev.zmq4j.scenario;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * ZMTP 3.1 bytes built by hand (RFC 23 / RFC 37), for raw {@link java.net.Socket} peers that test what a zmq4j
 * socket does with a peer that is not a ZeroMQ library. Deliberately independent of zmq4j's own codec.
 */
final class RawZmtp {
    static final int GREETING_SIZE = 64;

    private RawZmtp() {}

    /**
     * The 64-byte NULL greeting of a ZMTP 3.1 client.
     *
     * <pre>
     * offset 0     0xFF                 signature start
     *        1..8  00 00 00 00 00 00 00 01  padding (libzmq puts routing-id length + 1 here)
     *        9     0x7F                 signature end
     *        10    0x03                 major version
     *        11    0x01                 minor version (3.1)
     *        12..31 "NULL" + 16 x 00    mechanism
     *        32    0x00                 as-server (must be 0 for NULL)
     *        33..63 31 x 00             filler
     * </pre>
     */
    static byte[] nullGreeting() {
        ByteBuffer greeting = ByteBuffer.allocate(GREETING_SIZE);
        greeting.put((byte) 0xFF).put(new byte[7]).put((byte) 0x01).put((byte) 0x7F);
        greeting.put((byte) 0x03).put((byte) 0x01);
        byte[] mechanism = Arrays.copyOf("NULL".getBytes(StandardCharsets.US_ASCII), 20);
        greeting.put(mechanism).put((byte) 0x00).put(new byte[31]);
        if (greeting.position() != GREETING_SIZE) {
            throw new IllegalStateException("greeting is " + greeting.position() + " bytes");
        }
        return greeting.array();
    }

    /**
     * A NULL READY command announcing {@code socketType}: flags 0x04 (command, short size), size, then
     * {@code 0x05 "READY"}, {@code 0x0B "Socket-Type"}, 4-byte big-endian value length, the type name.
     */
    static byte[] ready(String socketType) {
        byte[] name = "READY".getBytes(StandardCharsets.US_ASCII);
        byte[] property = "Socket-Type".getBytes(StandardCharsets.US_ASCII);
        byte[] value = socketType.getBytes(StandardCharsets.US_ASCII);
        int bodySize = 1 + name.length + 1 + property.length + 4 + value.length;
        ByteBuffer frame = ByteBuffer.allocate(2 + bodySize);
        frame.put((byte) 0x04).put((byte) bodySize);
        frame.put((byte) name.length).put(name);
        frame.put((byte) property.length).put(property).putInt(value.length).put(value);
        return frame.array();
    }

    /** A final (no MORE) message frame with a short size. */
    static byte[] shortMessage(byte[] body) {
        ByteBuffer frame = ByteBuffer.allocate(2 + body.length);
        frame.put((byte) 0x00).put((byte) body.length).put(body);
        return frame.array();
    }

    /** The header of a final message frame with the long (8-byte big-endian) size form: flags 0x02, size. */
    static byte[] longMessageHeader(long size) {
        return ByteBuffer.allocate(9).put((byte) 0x02).putLong(size).array();
    }

    /** Reads the server's 64-byte greeting and checks it is ZMTP 3.x with the NULL mechanism. */
    static void readNullGreeting(InputStream in) throws IOException {
        byte[] greeting = in.readNBytes(GREETING_SIZE);
        if (greeting.length != GREETING_SIZE) {
            throw new AssertionError("zmq4j sent only " + greeting.length + " greeting bytes before closing");
        }
        String mechanism = new String(greeting, 12, 20, StandardCharsets.US_ASCII).replace("\0", "");
        if ((greeting[0] & 0xFF) != 0xFF
                || (greeting[9] & 0x01) != 1
                || greeting[10] != 3
                || !mechanism.equals("NULL")) {
            throw new AssertionError("unexpected greeting from zmq4j: " + hex(greeting));
        }
    }

    /** Reads one command frame and returns its body (name length, name, data). */
    static byte[] readCommand(InputStream in) throws IOException {
        int flags = in.read();
        if (flags < 0) {
            throw new AssertionError("zmq4j closed the connection instead of sending a command");
        }
        if ((flags & 0x04) == 0) {
            throw new AssertionError("expected a command frame from zmq4j, got flags " + flags);
        }
        long size;
        if ((flags & 0x02) != 0) {
            size = ByteBuffer.wrap(in.readNBytes(8)).getLong();
        } else {
            size = in.read();
        }
        if (size < 0 || size > 1 << 16) {
            throw new AssertionError("implausible command size " + size);
        }
        byte[] body = in.readNBytes((int) size);
        if (body.length != size) {
            throw new AssertionError("command truncated at " + body.length + " of " + size + " bytes");
        }
        return body;
    }

    /** Reads zmq4j's READY command (after its greeting) and fails if the command is something else. */
    static void readReady(InputStream in) throws IOException {
        byte[] body = readCommand(in);
        String name = body.length > 0
                ? new String(body, 1, Math.min(body[0], body.length - 1), StandardCharsets.US_ASCII)
                : "";
        if (!name.equals("READY")) {
            throw new AssertionError("expected READY from zmq4j, got command '" + name + "': " + hex(body));
        }
    }

    /**
     * Fails unless the remote end closes {@code socket} (end of stream or connection reset) within
     * {@code limit}. Whatever zmq4j still sends before closing (its greeting, READY) is read and dropped.
     */
    static void assertClosedByRemote(Socket socket, Duration limit, String why) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        while (true) {
            long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (remainingMillis <= 0) {
                throw new AssertionError("zmq4j did not close the connection " + why + " within "
                        + limit.toMillis() + " ms (it sent " + received.size() + " bytes: "
                        + hex(Arrays.copyOf(received.toByteArray(), Math.min(received.size(), 96))) + ")");
            }
            socket.setSoTimeout((int) Math.max(1, remainingMillis));
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                received.write(buffer, 0, n);
            } catch (SocketTimeoutException e) {
                // loop: the deadline check above reports it
            } catch (SocketException e) {
                return; // connection reset by zmq4j: closed too
            }
        }
    }

    /**
     * Sends a raw peer's NULL greeting (ZMTP 3.{@code minor}) and a READY announcing {@code socketType}, then reads
     * zmq4j's greeting and READY.
     */
    static void handshake(Socket raw, int minor, String socketType) throws IOException {
        byte[] greeting = nullGreeting();
        greeting[11] = (byte) minor;
        OutputStream out = raw.getOutputStream();
        out.write(greeting);
        out.write(ready(socketType));
        out.flush();
        InputStream in = raw.getInputStream();
        readNullGreeting(in);
        readReady(in);
    }

    /** A raw connection to a zmq4j {@code tcp://} endpoint, with {@code limit} as connect and read timeout. */
    static Socket connect(String endpoint, Duration limit) throws IOException {
        URI uri = URI.create(endpoint);
        Socket raw = new Socket();
        raw.connect(new InetSocketAddress(InetAddress.getByName(uri.getHost()), uri.getPort()), (int) limit.toMillis());
        raw.setSoTimeout((int) limit.toMillis());
        return raw;
    }

    static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(String.format("%02x", b & 0xFF));
        }
        return text.toString();
    }
}
