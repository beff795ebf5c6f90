package dev.zmq4j.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.interop.ZmqTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RADIO/DISH on the ZMTP wire, byte for byte against raw peers ({@link RawZmtp}), as libzmq's dish.cpp and
 * radio.cpp put it there:
 *
 * <pre>
 * DISH -&gt; RADIO   JOIN    flags 0x04 | size | 0x04 "JOIN"  | group
 *                 LEAVE   flags 0x04 | size | 0x05 "LEAVE" | group
 * RADIO -&gt; DISH   message flags 0x01 | size | group  then  flags 0x00 | size | body
 * </pre>
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RadioDishWireTest {
    private static final Duration IO_LIMIT = Duration.ofSeconds(10);
    private final Context context = Context.create();

    @AfterEach
    void closeContext() {
        ZmqTestSupport.runBounded("Context.close()", Duration.ofSeconds(10), context::close);
    }

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    @Test
    void shouldSendJoinAndLeaveAsCommandsAndTakeGroupThenBody() throws IOException {
        Socket dish = ZmqTestSupport.socket(context, SocketType.DISH);
        dish.join("grp");
        dish.bind("tcp://127.0.0.1:*");
        try (java.net.Socket raw = RawZmtp.connect(dish.lastEndpoint(), IO_LIMIT)) {
            RawZmtp.handshake(raw, 1, "RADIO");
            // The DISH attaches the new pipe, and sends the JOIN, when the application calls into it.
            int first = firstByte(
                    raw, () -> assertThat(dish.recvMessage(Socket.DONTWAIT)).isNull());
            InputStream in = raw.getInputStream();
            assertThat(String.format("%02x", first) + RawZmtp.hex(in.readNBytes(9)))
                    .as("the JOIN replayed to a new RADIO")
                    .isEqualTo("0408044a4f494e677270");

            OutputStream out = raw.getOutputStream();
            out.write(hex("01 03 677270  00 0a 626f64792d6279746573"));
            out.flush();
            Message got = dish.recvMessage();
            assertThat(got.group()).isEqualTo("grp");
            assertThat(got.getString(0)).isEqualTo("body-bytes");
            assertThat(got.size()).isEqualTo(1);

            dish.leave("grp");
            assertThat(RawZmtp.hex(RawZmtp.readCommand(in))).isEqualTo("054c45415645677270");
        }
    }

    @Test
    void shouldSendGroupThenBodyToARawDishThatJoined() throws IOException {
        Socket radio = ZmqTestSupport.socket(context, SocketType.RADIO);
        radio.bind("tcp://127.0.0.1:*");
        try (java.net.Socket raw = RawZmtp.connect(radio.lastEndpoint(), IO_LIMIT)) {
            RawZmtp.handshake(raw, 1, "DISH");
            OutputStream out = raw.getOutputStream();
            out.write(hex("04 08 044a4f494e 677270"));
            out.flush();
            // Sent until the JOIN has arrived (the RADIO drops before): the first byte read is the first message.
            int first = firstByte(raw, () -> radio.send(Message.of("body-bytes").group("grp")));
            InputStream in = raw.getInputStream();
            byte[] rest = in.readNBytes(16);
            assertThat(String.format("%02x", first) + RawZmtp.hex(rest))
                    .isEqualTo("0103677270000a626f64792d6279746573");
        }
    }

    /** Runs {@code poke} until the raw peer has a byte to read (bounded by {@link #IO_LIMIT}), and returns it. */
    private static int firstByte(java.net.Socket raw, Runnable poke) throws IOException {
        raw.setSoTimeout(20);
        long deadline = System.nanoTime() + IO_LIMIT.toNanos();
        try {
            while (true) {
                assertThat(System.nanoTime())
                        .as("zmq4j sends something within 10 s")
                        .isLessThan(deadline);
                poke.run();
                try {
                    int first = raw.getInputStream().read();
                    assertThat(first).as("the connection stays open").isNotNegative();
                    return first;
                } catch (SocketTimeoutException notYet) {
                    // poke again
                }
            }
        } finally {
            raw.setSoTimeout((int) IO_LIMIT.toMillis());
        }
    }
}
