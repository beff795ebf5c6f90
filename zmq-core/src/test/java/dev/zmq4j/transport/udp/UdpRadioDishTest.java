package dev.zmq4j.transport.udp;

import static dev.zmq4j.socket.radiodish.RadioDishTestSupport.assertError;
import static dev.zmq4j.socket.radiodish.RadioDishTestSupport.awaitJoin;
import static dev.zmq4j.socket.radiodish.RadioDishTestSupport.message;
import static dev.zmq4j.socket.radiodish.RadioDishTestSupport.receive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketInternals;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.engine.DatagramCounters;
import dev.zmq4j.interop.ContextFixture;
import dev.zmq4j.interop.ZmqTestSupport;
import dev.zmq4j.socket.radiodish.RadioDishTestSupport;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RADIO/DISH over udp:// (libzmq's zmq_udp(7)): a DISH binds, a RADIO connects, one datagram per message, the DISH
 * filters by its groups (no JOIN travels on udp). Ports are ephemeral ({@code udp://127.0.0.1:*}, which libzmq cannot
 * bind): nothing here depends on a fixed port.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UdpRadioDishTest extends ContextFixture {
    private Socket boundDish(String endpoint, String... groups) {
        Socket dish = socket(SocketType.DISH);
        for (String group : groups) {
            dish.join(group);
        }
        dish.bind(endpoint);
        return dish;
    }

    private Socket radioTo(Socket dish) {
        Socket radio = socket(SocketType.RADIO);
        radio.connect(dish.lastEndpoint());
        return radio;
    }

    private static int port(Socket bound) {
        String endpoint = bound.lastEndpoint();
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    @Test
    void shouldBindAnEphemeralPortAndDeliverOnlyTheJoinedGroup() {
        Socket dish = boundDish("udp://127.0.0.1:*", "grp");
        assertThat(dish.lastEndpoint()).matches("udp://127\\.0\\.0\\.1:\\d+").isNotEqualTo("udp://127.0.0.1:0");
        Socket radio = radioTo(dish);
        awaitJoin(radio, dish, "grp");
        radio.send(message("gr", "a prefix"));
        radio.send(message("grp2", "longer"));
        radio.send(message("grp", "body-bytes"));
        Message got = receive(dish);
        assertThat(got.group()).isEqualTo("grp");
        assertThat(got.getString(0)).isEqualTo("body-bytes");

        dish.join("other");
        dish.leave("grp");
        radio.send(message("grp", "left"));
        radio.send(message("other", "joined later"));
        assertThat(receive(dish).getString(0)).isEqualTo("joined later");
    }

    @Test
    void shouldReachTwoDishes() {
        Socket first = boundDish("udp://127.0.0.1:*", "g");
        Socket second = boundDish("udp://127.0.0.1:*", "g", "h");
        Socket radio = socket(SocketType.RADIO);
        radio.connect(first.lastEndpoint());
        radio.connect(second.lastEndpoint());
        awaitJoin(radio, first, "g");
        awaitJoin(radio, second, "h");
        radio.send(message("h", "for the second"));
        radio.send(message("g", "for both"));
        assertThat(receive(first).getString(0)).isEqualTo("for both");
        assertThat(receive(second).getString(0)).isEqualTo("for the second");
        assertThat(receive(second).getString(0)).isEqualTo("for both");
    }

    @Test
    void shouldDropAndCountAMessageTooLargeForADatagram() {
        Socket dish = boundDish("udp://127.0.0.1:*", "grp");
        Socket radio = radioTo(dish);
        awaitJoin(radio, dish, "grp");
        // 1 + 3 + 8188 = 8192 bytes: the largest datagram; one byte more is too much.
        radio.send(Message.of(new byte[8189]).group("grp"));
        radio.send(Message.of(new byte[8188]).group("grp"));
        Message got = receive(dish);
        assertThat(got.get(0)).hasSize(8188);
        DatagramCounters counters = SocketInternals.datagramCounters(radio);
        assertThat(counters.oversizedDropped()).isEqualTo(1);
    }

    @Test
    void shouldIgnoreMalformedDatagrams() throws Exception {
        Socket dish = boundDish("udp://127.0.0.1:*", "grp");
        try (DatagramSocket raw = new DatagramSocket()) {
            InetAddress loopback = InetAddress.getByName("127.0.0.1");
            int port = port(dish);
            byte[][] datagrams = {
                {5, 'g', 'r'}, // the group runs past the end
                {}, // no group length at all
                {3, 'g', 'r', 'p', 'r', 'a', 'w'}
            };
            // Sent until the valid one arrives: the DISH's engine may not be registered yet.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            Message got = null;
            while (got == null) {
                for (byte[] datagram : datagrams) {
                    raw.send(new DatagramPacket(datagram, datagram.length, loopback, port));
                }
                got = RadioDishTestSupport.receiveWithin(dish, 20);
                assertThat(System.nanoTime()).as("a valid datagram arrives").isLessThan(deadline);
            }
            assertThat(got.group()).isEqualTo("grp");
            assertThat(got.getString(0)).isEqualTo("raw");
            assertThat(SocketInternals.datagramCounters(dish).malformedIgnored())
                    .as("the two malformed datagrams sent before it, at least")
                    .isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void shouldSendTheDatagramLibzmqSends() throws Exception {
        try (DatagramSocket raw = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            raw.setSoTimeout(10_000);
            Socket radio = socket(SocketType.RADIO);
            radio.connect("udp://127.0.0.1:" + raw.getLocalPort());
            radio.send(message("grp", "body-bytes"));
            byte[] buffer = new byte[9000];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            raw.receive(packet);
            assertThat(java.util.HexFormat.of().formatHex(buffer, 0, packet.getLength()))
                    .isEqualTo("03677270626f64792d6279746573");
        }
    }

    @Test
    void shouldDeliverToEveryDishOfAMulticastGroup() {
        // An administratively scoped group of its own per run, so that parallel runs on one host do not mix.
        String group = "239.255." + ThreadLocalRandom.current().nextInt(1, 255) + "."
                + ThreadLocalRandom.current().nextInt(1, 255);
        Socket first;
        try {
            first = boundDish("udp://" + group + ":*", "m");
        } catch (ZmqException noMulticast) {
            assumeThat(noMulticast.code())
                    .as("an interface that does multicast")
                    .isNotEqualTo(ErrorCode.EADDRNOTAVAIL);
            throw noMulticast;
        }
        assertThat(first.lastEndpoint()).matches("udp://" + group.replace(".", "\\.") + ":\\d+");
        // The same group and port: several DISHes of one host share it.
        Socket second = boundDish(first.lastEndpoint(), "m");
        Socket radio = radioTo(first);
        awaitJoin(radio, first, "m");
        awaitJoin(radio, second, "m");
        radio.send(message("m", "to the group"));
        assertThat(receive(first).getString(0)).isEqualTo("to the group");
        assertThat(receive(second).getString(0)).isEqualTo("to the group");
    }

    @Test
    void shouldDeliverOverIpv6() throws Exception {
        assumeThat(NetworkInterface.getByInetAddress(InetAddress.getByName("::1")))
                .as("IPv6 loopback")
                .isNotNull();
        Socket dish = boundDish("udp://[::1]:*", "six");
        assertThat(dish.lastEndpoint()).matches("udp://\\[::1\\]:\\d+");
        Socket radio = radioTo(dish);
        awaitJoin(radio, dish, "six");
    }

    @Test
    void shouldUseUdpOnlyAsLibzmqDoes() {
        Socket pub = socket(SocketType.PUB);
        assertError(() -> pub.bind("udp://127.0.0.1:*"), ErrorCode.ENOCOMPATPROTO, "RADIO and DISH");
        Socket sub = socket(SocketType.SUB);
        assertError(() -> sub.connect("udp://127.0.0.1:5555"), ErrorCode.ENOCOMPATPROTO, "RADIO and DISH");
        Socket radio = socket(SocketType.RADIO);
        assertError(() -> radio.bind("udp://127.0.0.1:*"), ErrorCode.ENOCOMPATPROTO, "bound by DISH");
        Socket dish = boundDish("udp://127.0.0.1:*");
        assertError(() -> dish.connect("udp://127.0.0.1:5555"), ErrorCode.ENOCOMPATPROTO, "connected by RADIO");
        Socket other = socket(SocketType.DISH);
        assertError(() -> other.bind(dish.lastEndpoint()), ErrorCode.EADDRINUSE, dish.lastEndpoint());
        assertError(() -> other.bind("udp://no-such-host.invalid:5555"), ErrorCode.EADDRNOTAVAIL, "resolve");
        assertError(() -> radio.connect("udp://127.0.0.1:*"), ErrorCode.EINVAL, "wildcard port");
    }

    @Test
    void shouldReleaseThePortOnUnbindAndForgetADisconnectedEndpoint() {
        Socket dish = boundDish("udp://127.0.0.1:*", "g");
        String endpoint = dish.lastEndpoint();
        dish.unbind(endpoint);
        assertError(() -> dish.unbind(endpoint), ErrorCode.ENOENT, "not bound");
        // The channel closes once the session's pipe is gone, which takes the DISH's next calls (it processes its
        // commands in them): the port is free soon after.
        Socket again = socket(SocketType.DISH);
        again.join("g");
        ZmqTestSupport.bindWhenFree(again, endpoint, () -> dish.recvMessage(Socket.DONTWAIT));
        Socket radio = socket(SocketType.RADIO);
        radio.connect(endpoint);
        awaitJoin(radio, again, "g");
        radio.disconnect(endpoint);
        assertError(() -> radio.disconnect(endpoint), ErrorCode.ENOENT, "not connected");
        assertError(() -> radio.unbind(endpoint), ErrorCode.ENOENT, "not bound");
    }
}
