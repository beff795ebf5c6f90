package dev.zmq4j.socket.radiodish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.ZmqException;
import java.util.concurrent.TimeUnit;

/** Helpers of the RADIO/DISH tests: a message of a group, and waiting until a DISH's join has reached the RADIO. */
public final class RadioDishTestSupport {
    public static final String PROBE = "probe";

    private RadioDishTestSupport() {}

    public static Message message(String group, String body) {
        return Message.of(body).group(group);
    }

    /**
     * Sends probes to {@code group} until {@code dish} receives one: its JOIN has then reached the RADIO (which drops
     * what nobody joined, so no single message can be relied on before). Later receives skip the other probes.
     */
    public static void awaitJoin(Socket radio, Socket dish, String group) {
        int timeout = dish.get(SocketOption.RCVTIMEO);
        dish.set(SocketOption.RCVTIMEO, 20);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            while (true) {
                radio.send(message(group, PROBE));
                Message got = dish.recvMessage();
                if (got != null && got.group().equals(group)) {
                    // Probes of an earlier wait may come first; any other message is a failure.
                    assertThat(got.getString(0)).isEqualTo(PROBE);
                    break;
                }
                if (got != null) {
                    assertThat(got.getString(0)).isEqualTo(PROBE);
                }
                assertThat(System.nanoTime())
                        .as("the DISH's JOIN of '%s' reaches the RADIO within 10 s", group)
                        .isLessThan(deadline);
            }
        } finally {
            dish.set(SocketOption.RCVTIMEO, timeout);
        }
    }

    /** The next message that is not a probe left over from {@link #awaitJoin}; fails when none comes in RCVTIMEO. */
    public static Message receive(Socket dish) {
        while (true) {
            Message got = dish.recvMessage();
            assertThat(got).as("a message for the DISH within its RCVTIMEO").isNotNull();
            if (!got.getString(0).equals(PROBE)) {
                return got;
            }
        }
    }

    /** Whether a message other than a probe comes within {@code millis}; null when none. */
    public static Message receiveWithin(Socket dish, int millis) {
        int timeout = dish.get(SocketOption.RCVTIMEO);
        dish.set(SocketOption.RCVTIMEO, millis);
        try {
            Message got;
            do {
                got = dish.recvMessage();
            } while (got != null && got.getString(0).equals(PROBE));
            return got;
        } finally {
            dish.set(SocketOption.RCVTIMEO, timeout);
        }
    }

    /** Asserts that {@code call} throws ZmqException with {@code code} and a message containing {@code text}. */
    public static void assertError(Runnable call, ErrorCode code, String text) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        ZmqException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageContaining(text);
    }
}
