package dev.zmq4j.socket.radiodish;

import static dev.zmq4j.socket.radiodish.RadioDishTestSupport.assertError;
import static dev.zmq4j.socket.radiodish.RadioDishTestSupport.awaitJoin;
import static dev.zmq4j.socket.radiodish.RadioDishTestSupport.message;
import static dev.zmq4j.socket.radiodish.RadioDishTestSupport.receive;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.ErrorCode;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.interop.ContextFixture;
import dev.zmq4j.interop.ZmqTestSupport;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RADIO/DISH between zmq4j sockets over inproc, tcp, ipc and ws (libzmq's draft semantics, zmq_socket(3)): a RADIO
 * sends each message to the DISHes that joined exactly its group, a DISH receives with the group, joins and leaves
 * reach the RADIO, and the EINVAL cases of libzmq.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RadioDishTest extends ContextFixture {
    private static String endpoint(String transport) {
        switch (transport) {
            case "tcp":
                return "tcp://127.0.0.1:*";
            case "ipc":
                return "ipc://*";
            case "ws":
                return "ws://127.0.0.1:*/radio";
            default:
                return "inproc://radio-dish-" + System.nanoTime();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "tcp", "ipc", "ws"})
    void shouldDeliverOnlyTheGroupsJoinedByExactMatch(String transport) {
        Socket dish = socket(SocketType.DISH);
        // Joined before the RADIO is there: the JOIN goes to it when it attaches.
        dish.join("grp");
        dish.bind(endpoint(transport));
        Socket radio = socket(SocketType.RADIO);
        radio.connect(dish.lastEndpoint());
        awaitJoin(radio, dish, "grp");

        radio.send(message("gr", "a prefix of the group"));
        radio.send(message("grp2", "the group is a prefix of it"));
        radio.send(message("GRP", "another case"));
        radio.send(message("grp", "for grp"));
        Message got = receive(dish);
        assertThat(got.group()).isEqualTo("grp");
        assertThat(got.getString(0)).isEqualTo("for grp");
        assertThat(got.size()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "tcp", "ipc"})
    void shouldFollowJoinsAndLeavesWhenTheRadioBinds(String transport) {
        Socket radio = socket(SocketType.RADIO);
        radio.bind(endpoint(transport));
        Socket dish = socket(SocketType.DISH);
        dish.connect(radio.lastEndpoint());
        dish.join("news");
        dish.join("sport");
        awaitJoin(radio, dish, "news");
        awaitJoin(radio, dish, "sport");
        for (int i = 0; i < 50; i++) {
            radio.send(message("weather", "not joined " + i));
            radio.send(message(i % 2 == 0 ? "news" : "sport", "message " + i));
        }
        for (int i = 0; i < 50; i++) {
            Message got = receive(dish);
            assertThat(got.group()).isEqualTo(i % 2 == 0 ? "news" : "sport");
            assertThat(got.getString(0)).isEqualTo("message " + i);
        }

        dish.leave("news");
        // Filtered at once by the DISH, whether or not the LEAVE has reached the RADIO.
        radio.send(message("news", "after leave"));
        radio.send(message("sport", "still joined"));
        assertThat(receive(dish).getString(0)).isEqualTo("still joined");
        dish.join("news");
        awaitJoin(radio, dish, "news");
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "tcp"})
    void shouldSendEachGroupToTheDishesThatJoinedIt(String transport) {
        Socket radio = socket(SocketType.RADIO);
        radio.bind(endpoint(transport));
        Socket both = socket(SocketType.DISH);
        Socket onlyX = socket(SocketType.DISH);
        both.connect(radio.lastEndpoint());
        onlyX.connect(radio.lastEndpoint());
        both.join("x");
        both.join("y");
        onlyX.join("x");
        awaitJoin(radio, both, "y");
        awaitJoin(radio, onlyX, "x");
        // both's x JOIN went before its y JOIN on the same pipe: it is in place too.
        radio.send(message("y", "y1"));
        radio.send(message("x", "x1"));
        assertThat(receive(both).getString(0)).isEqualTo("y1");
        assertThat(receive(both).getString(0)).isEqualTo("x1");
        assertThat(receive(onlyX).getString(0)).isEqualTo("x1");
    }

    @Test
    void shouldReplayJoinsToARadioThatComesBack() {
        Socket dish = socket(SocketType.DISH);
        dish.set(SocketOption.RECONNECT_IVL, 20);
        String endpoint;
        try (Context radioContext = Context.create()) {
            Socket first = ZmqTestSupport.socket(radioContext, SocketType.RADIO);
            first.bind("tcp://127.0.0.1:*");
            endpoint = first.lastEndpoint();
            dish.connect(endpoint);
            dish.join("g");
            awaitJoin(first, dish, "g");
        }
        try (Context restarted = Context.create()) {
            Socket again = ZmqTestSupport.socket(restarted, SocketType.RADIO);
            ZmqTestSupport.bindWhenFree(again, endpoint);
            // Only a JOIN sent again on the new connection lets this through.
            awaitJoin(again, dish, "g");
        }
    }

    @Test
    void shouldDropForADishAtItsHighWaterMarkInsteadOfBlocking() {
        Socket dish = socket(SocketType.DISH);
        dish.set(SocketOption.RCVHWM, 10);
        dish.join("g");
        dish.bind("inproc://radio-hwm");
        Socket radio = socket(SocketType.RADIO);
        radio.set(SocketOption.SNDHWM, 10);
        radio.connect("inproc://radio-hwm");
        awaitJoin(radio, dish, "g");
        for (int i = 0; i < 10_000; i++) {
            assertThat(radio.send(message("g", "m" + i))).isTrue();
        }
        // Room again: the next message goes through.
        int received = 0;
        Message got;
        while ((got = RadioDishTestSupport.receiveWithin(dish, 0)) != null) {
            received++;
            assertThat(got.group()).isEqualTo("g");
        }
        assertThat(received).as("messages kept up to the two high-water marks").isBetween(1, 100);
    }

    @Test
    void shouldRefuseWhatLibzmqRefuses() {
        Socket dish = socket(SocketType.DISH);
        dish.join("g");
        assertError(() -> dish.join("g"), ErrorCode.EINVAL, "already");
        assertError(() -> dish.leave("other"), ErrorCode.EINVAL, "not joined");
        assertError(() -> dish.join("x".repeat(256)), ErrorCode.EINVAL, "255");
        assertError(() -> dish.join("é".repeat(128)), ErrorCode.EINVAL, "255");
        assertError(() -> dish.join(null), ErrorCode.EINVAL, "null");
        dish.join("x".repeat(255));
        dish.join("");
        dish.leave("g");
        assertError(() -> dish.leave("g"), ErrorCode.EINVAL, "not joined");
        assertError(() -> dish.send("nothing"), ErrorCode.ENOTSUP, "send");

        Socket radio = socket(SocketType.RADIO);
        assertError(() -> radio.send("no group"), ErrorCode.EINVAL, "group");
        assertError(() -> radio.send(Message.of("a", "b").group("g")), ErrorCode.EINVAL, "single frame");
        assertError(() -> radio.send("first", Socket.SNDMORE), ErrorCode.EINVAL, "single frame");
        assertError(() -> Message.of("m").group("x".repeat(256)), ErrorCode.EINVAL, "255");
        assertError(radio::recv, ErrorCode.ENOTSUP, "receive");
        assertThat(radio.send(message("nobody", "dropped"))).isTrue();

        Socket pub = socket(SocketType.PUB);
        assertError(() -> pub.join("g"), ErrorCode.EINVAL, "DISH");
        assertError(() -> pub.leave("g"), ErrorCode.EINVAL, "DISH");
        assertError(() -> radio.join("g"), ErrorCode.EINVAL, "DISH");
    }

    @Test
    void shouldBeCompatibleWithEachOtherOnly() {
        assertThat(SocketType.RADIO.isCompatibleWith(SocketType.DISH)).isTrue();
        assertThat(SocketType.DISH.isCompatibleWith(SocketType.RADIO)).isTrue();
        assertThat(SocketType.RADIO.isCompatibleWith(SocketType.SUB)).isFalse();
        assertThat(SocketType.DISH.isCompatibleWith(SocketType.PUB)).isFalse();
        assertThat(SocketType.PUB.isCompatibleWith(SocketType.DISH)).isFalse();
        assertThat(SocketType.RADIO.libzmqValue()).isEqualTo(14);
        assertThat(SocketType.DISH.libzmqValue()).isEqualTo(15);
        assertThat(SocketType.fromWireName("RADIO")).isEqualTo(SocketType.RADIO);
        assertThat(SocketType.fromWireName("DISH")).isEqualTo(SocketType.DISH);
    }
}
