package dev.zmq4j.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Async;
import dev.zmq4j.ErrorCode;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.interop.ContextFixture;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The request-reply, pipeline and pair patterns between zmq4j sockets, over inproc and tcp. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PatternsTest extends ContextFixture {
    private static String bindAddress(String transport) {
        return transport.equals("tcp") ? "tcp://127.0.0.1:*" : "inproc://patterns-" + System.nanoTime();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "inproc"})
    void shouldExchangeRequestsAndReplies(String transport) {
        Socket rep = socket(SocketType.REP);
        rep.bind(bindAddress(transport));
        Socket req = socket(SocketType.REQ);
        req.connect(rep.lastEndpoint());
        for (int i = 0; i < 10; i++) {
            assertThat(req.send("hello " + i)).isTrue();
            assertThat(rep.recvString()).isEqualTo("hello " + i);
            assertThat(rep.send("world " + i)).isTrue();
            assertThat(req.recvString()).isEqualTo("world " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "inproc"})
    void shouldEnforceStrictAlternationOnReq(String transport) {
        Socket rep = socket(SocketType.REP);
        rep.bind(bindAddress(transport));
        Socket req = socket(SocketType.REQ);
        req.connect(rep.lastEndpoint());
        assertThatThrownBy(req::recv)
                .isInstanceOf(ZmqException.class)
                .satisfies(e -> assertThat(((ZmqException) e).code()).isEqualTo(ErrorCode.EFSM));
        req.send("one");
        assertThatThrownBy(() -> req.send("two"))
                .isInstanceOf(ZmqException.class)
                .satisfies(e -> assertThat(((ZmqException) e).code()).isEqualTo(ErrorCode.EFSM));
        assertThatThrownBy(() -> rep.send("no request yet"))
                .isInstanceOf(ZmqException.class)
                .satisfies(e -> assertThat(((ZmqException) e).code()).isEqualTo(ErrorCode.EFSM));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "inproc"})
    void shouldRouteByRoutingId(String transport) {
        Socket router = socket(SocketType.ROUTER);
        router.bind(bindAddress(transport));
        Socket dealer = socket(SocketType.DEALER);
        dealer.set(SocketOption.ROUTING_ID, "dealer-1".getBytes());
        dealer.connect(router.lastEndpoint());
        dealer.send(Message.of("a", "b", "c"));
        Message received = router.recvMessage();
        assertThat(received.size()).isEqualTo(4);
        assertThat(received.getString(0)).isEqualTo("dealer-1");
        assertThat(received.getString(3)).isEqualTo("c");
        router.send(Message.of("dealer-1", "reply"));
        assertThat(dealer.recvString()).isEqualTo("reply");
        assertThat(dealer.hasMore()).isFalse();
    }

    @Test
    void shouldFailWithHostUnreachableForUnknownPeerWhenMandatory() {
        Socket router = socket(SocketType.ROUTER);
        router.set(SocketOption.ROUTER_MANDATORY, true);
        router.bind("tcp://127.0.0.1:*");
        assertThatThrownBy(() -> router.send(Message.of("nobody", "x")))
                .isInstanceOf(ZmqException.class)
                .satisfies(e -> assertThat(((ZmqException) e).code()).isEqualTo(ErrorCode.EHOSTUNREACH));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "inproc"})
    void shouldPushAndPullInOrderThroughTheHighWaterMark(String transport) throws Exception {
        Socket pull = socket(SocketType.PULL);
        pull.bind(bindAddress(transport));
        Socket push = socket(SocketType.PUSH);
        push.connect(pull.lastEndpoint());
        int count = 20_000;
        CompletableFuture<Void> sender = Async.run(() -> {
            for (int i = 0; i < count; i++) {
                if (!push.send(Integer.toString(i))) {
                    throw new AssertionError("send " + i + " timed out");
                }
            }
        });
        for (int i = 0; i < count; i++) {
            assertThat(pull.recvString()).isEqualTo(Integer.toString(i));
        }
        sender.get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldLoadBalanceOverPullers() {
        Socket push = socket(SocketType.PUSH);
        push.bind("tcp://127.0.0.1:*");
        Socket first = socket(SocketType.PULL);
        Socket second = socket(SocketType.PULL);
        first.connect(push.lastEndpoint());
        second.connect(push.lastEndpoint());
        // Wait until both are connected: each must receive something.
        Set<String> seenBy = new HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (seenBy.size() < 2 && System.nanoTime() < deadline) {
            push.send("x");
            if (first.recv(Socket.DONTWAIT) != null) {
                seenBy.add("first");
            }
            if (second.recv(Socket.DONTWAIT) != null) {
                seenBy.add("second");
            }
        }
        assertThat(seenBy).containsExactlyInAnyOrder("first", "second");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "inproc"})
    void shouldTalkPairToPair(String transport) {
        Socket a = socket(SocketType.PAIR);
        a.bind(bindAddress(transport));
        Socket b = socket(SocketType.PAIR);
        b.connect(a.lastEndpoint());
        b.send("ping");
        assertThat(a.recvString()).isEqualTo("ping");
        a.send("pong");
        assertThat(b.recvString()).isEqualTo("pong");
    }

    @Test
    void shouldConnectInprocBeforeBind() {
        Socket push = socket(SocketType.PUSH);
        push.connect("inproc://later");
        push.send("early");
        Socket pull = socket(SocketType.PULL);
        pull.bind("inproc://later");
        assertThat(pull.recvString()).isEqualTo("early");
    }

    @Test
    void shouldTimeOutReceive() {
        Socket pull = socket(SocketType.PULL);
        pull.set(SocketOption.RCVTIMEO, 50);
        pull.bind("tcp://127.0.0.1:*");
        assertThat(pull.recv()).isNull();
        assertThat(pull.recv(Socket.DONTWAIT)).isNull();
    }

    @Test
    void shouldSendAndReceiveThroughReusedBuffers() {
        Socket pull = socket(SocketType.PULL);
        pull.bind("inproc://buffers");
        Socket push = socket(SocketType.PUSH);
        push.connect("inproc://buffers");
        byte[] out = "xxhello worldxx".getBytes();
        assertThat(push.send(out, 2, 11, 0)).isTrue();
        out[2] = 'J';
        assertThat(push.send(out, 2, 5, 0)).isTrue();
        byte[] in = new byte[8];
        assertThat(pull.recv(in, 1, 5, 0)).as("full size of a truncated frame").isEqualTo(11);
        assertThat(new String(in, 1, 5)).isEqualTo("hello");
        assertThat(pull.recv(in, 0, 8, 0)).isEqualTo(5);
        assertThat(new String(in, 0, 5)).isEqualTo("Jello");
        assertThat(pull.recv(in, 0, 8, Socket.DONTWAIT)).isEqualTo(-1);
        assertThatThrownBy(() -> push.send(out, 10, 10, 0))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("offset 10");
    }

    @Test
    void shouldCarryLargeAndMixedFramesIntactOverTcp() throws Exception {
        Socket pull = socket(SocketType.PULL);
        pull.bind("tcp://127.0.0.1:*");
        Socket push = socket(SocketType.PUSH);
        push.connect(pull.lastEndpoint());
        int[] sizes = {0, 1, 255, 256, 8191, 8192, 8193, 65_535, 65_536, 65_537, 200_000, 1_000_000, 3, 70_000};
        CompletableFuture<Void> sender = Async.run(() -> {
            for (int round = 0; round < 20; round++) {
                for (int size : sizes) {
                    byte[] payload = payload(size, round);
                    if (round % 2 == 0) {
                        push.send(payload, 0);
                    } else {
                        byte[] padded = new byte[size + 10];
                        System.arraycopy(payload, 0, padded, 5, size);
                        push.send(padded, 5, size, 0);
                        java.util.Arrays.fill(padded, (byte) 0x55);
                    }
                }
            }
        });
        byte[] buffer = new byte[1_000_000];
        for (int round = 0; round < 20; round++) {
            for (int size : sizes) {
                byte[] expected = payload(size, round);
                if (round % 3 == 0) {
                    assertThat(pull.recv())
                            .as("frame of %d bytes, round %d", size, round)
                            .isEqualTo(expected);
                } else {
                    assertThat(pull.recv(buffer, 0, buffer.length, 0)).isEqualTo(size);
                    assertThat(java.util.Arrays.equals(buffer, 0, size, expected, 0, size))
                            .as("content of a frame of %d bytes, round %d", size, round)
                            .isTrue();
                }
            }
        }
        sender.get(10, TimeUnit.SECONDS);
    }

    private static byte[] payload(int size, int round) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + round);
        }
        return bytes;
    }

    @Test
    void shouldCarryTrafficWithKernelOptionsSetAndReportState() {
        Socket pull = socket(SocketType.PULL);
        pull.set(SocketOption.RCVBUF, 256 * 1024);
        pull.set(SocketOption.BACKLOG, 10);
        pull.set(SocketOption.TCP_KEEPALIVE, 1);
        pull.set(SocketOption.TCP_KEEPALIVE_IDLE, 60);
        pull.set(SocketOption.TCP_KEEPALIVE_CNT, 3);
        pull.set(SocketOption.TCP_KEEPALIVE_INTVL, 5);
        pull.bind("tcp://127.0.0.1:*");
        assertThat(pull.get(SocketOption.LAST_ENDPOINT)).isEqualTo(pull.lastEndpoint());
        Socket push = socket(SocketType.PUSH);
        push.set(SocketOption.SNDBUF, 256 * 1024);
        push.set(SocketOption.TCP_KEEPALIVE, 0);
        push.connect(pull.lastEndpoint());
        push.send(Message.of("one", "two"));
        assertThat(pull.recvString()).isEqualTo("one");
        assertThat(pull.get(SocketOption.RCVMORE)).isTrue();
        assertThat(pull.recvString()).isEqualTo("two");
        assertThat(pull.get(SocketOption.RCVMORE)).isFalse();
    }
}
