package dev.zmq4j.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.interop.ContextFixture;
import dev.zmq4j.interop.LibzmqPeer;
import dev.zmq4j.interop.ZmqTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** libzmq behaviours of the request-reply and pipeline sockets that the pattern tests do not pin down. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SocketSemanticsTest extends ContextFixture {
    private static java.net.Socket connectRaw(String endpoint) throws IOException {
        URI uri = URI.create(endpoint);
        java.net.Socket raw = new java.net.Socket();
        raw.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
        raw.setSoTimeout(5000);
        return raw;
    }

    @Test
    void shouldRefuseAPeerOfAnIncompatibleSocketType() throws IOException {
        Socket pull = socket(SocketType.PULL);
        pull.bind("tcp://127.0.0.1:*");
        try (java.net.Socket raw = connectRaw(pull.lastEndpoint())) {
            OutputStream out = raw.getOutputStream();
            out.write(RawZmtp.nullGreeting());
            out.write(RawZmtp.ready("PUB"));
            out.write(RawZmtp.shortMessage("must not arrive".getBytes()));
            out.flush();
            InputStream in = raw.getInputStream();
            RawZmtp.readNullGreeting(in);
            RawZmtp.readReady(in);
            RawZmtp.assertClosedByRemote(raw, Duration.ofSeconds(5), "after announcing Socket-Type PUB to a PULL");
        }
        pull.set(SocketOption.RCVTIMEO, 100);
        assertThat(pull.recv()).as("nothing from the refused peer").isNull();
    }

    @Test
    void shouldRefuseAnIncompatibleZmq4jPeerAndServeACompatibleOne() {
        Socket rep = socket(SocketType.REP);
        rep.bind("tcp://127.0.0.1:*");
        Socket push = socket(SocketType.PUSH);
        push.connect(rep.lastEndpoint());
        push.send("from a PUSH");
        Socket req = socket(SocketType.REQ);
        req.connect(rep.lastEndpoint());
        req.send("from a REQ");
        assertThat(rep.recvString()).isEqualTo("from a REQ");
    }

    @Test
    void shouldQueueForAnUnconnectedPeerUnlessImmediate() {
        int port = ZmqTestSupport.freeTcpPort();
        Socket queueing = socket(SocketType.PUSH);
        queueing.connect("tcp://127.0.0.1:" + port);
        assertThat(queueing.send("queued", Socket.DONTWAIT)).isTrue();

        Socket immediate = socket(SocketType.PUSH);
        immediate.set(SocketOption.IMMEDIATE, true);
        immediate.connect("tcp://127.0.0.1:" + port);
        assertThat(immediate.send("no connection yet", Socket.DONTWAIT)).isFalse();
    }

    @Test
    void shouldStopAtTheSendHighWaterMark() {
        Socket push = socket(SocketType.PUSH);
        push.set(SocketOption.SNDHWM, 5);
        push.connect("tcp://127.0.0.1:" + ZmqTestSupport.freeTcpPort());
        int sent = 0;
        while (push.send("m" + sent, Socket.DONTWAIT)) {
            sent++;
            assertThat(sent).as("the HWM must stop the sender").isLessThanOrEqualTo(5);
        }
        assertThat(sent).isEqualTo(5);
        push.set(SocketOption.SNDTIMEO, 20);
        assertThat(push.send("times out")).isFalse();
    }

    @Test
    void shouldMakeAMandatoryRouterWaitForAFullPeer() throws Exception {
        Socket router = socket(SocketType.ROUTER);
        router.set(SocketOption.ROUTER_MANDATORY, true);
        router.set(SocketOption.SNDHWM, 1);
        router.bind("inproc://mandatory");
        Socket dealer = socket(SocketType.DEALER);
        dealer.set(SocketOption.ROUTING_ID, "d".getBytes());
        dealer.set(SocketOption.RCVHWM, 1);
        dealer.connect("inproc://mandatory");
        int sent = 0;
        while (router.send(new byte[] {'d'}, Socket.SNDMORE | Socket.DONTWAIT)) {
            router.send("x".getBytes(), 0);
            sent++;
            assertThat(sent).isLessThan(100);
        }
        assertThat(sent).as("inproc HWM is SNDHWM + RCVHWM").isEqualTo(2);
        assertThat(dealer.recvString()).isEqualTo("x");
    }

    @Test
    void shouldFairQueueBetweenPeers() {
        Socket pull = socket(SocketType.PULL);
        pull.bind("inproc://fair");
        Socket first = socket(SocketType.PUSH);
        Socket second = socket(SocketType.PUSH);
        first.connect("inproc://fair");
        second.connect("inproc://fair");
        for (int i = 0; i < 3; i++) {
            first.send("first");
        }
        for (int i = 0; i < 3; i++) {
            second.send("second");
        }
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            order.add(pull.recvString());
        }
        assertThat(order.subList(0, 4)).containsExactlyInAnyOrder("first", "second", "first", "second");
        assertThat(order.get(0)).isNotEqualTo(order.get(1));
    }

    @Test
    void shouldStopDeliveringAfterDisconnect() {
        Socket pullA = socket(SocketType.PULL);
        Socket pullB = socket(SocketType.PULL);
        pullA.bind("tcp://127.0.0.1:*");
        pullB.bind("tcp://127.0.0.1:*");
        Socket push = socket(SocketType.PUSH);
        push.connect(pullA.lastEndpoint());
        push.connect(pullB.lastEndpoint());
        push.send("to a");
        push.send("to b");
        assertThat(pullA.recvString()).isEqualTo("to a");
        assertThat(pullB.recvString()).isEqualTo("to b");
        push.disconnect(pullA.lastEndpoint());
        for (int i = 0; i < 4; i++) {
            push.send("after " + i);
        }
        for (int i = 0; i < 4; i++) {
            assertThat(pullB.recvString()).isEqualTo("after " + i);
        }
        assertThatThrownBy(() -> push.disconnect(pullA.lastEndpoint()))
                .isInstanceOf(ZmqException.class)
                .satisfies(e -> assertThat(((ZmqException) e).code()).isEqualTo(ErrorCode.ENOENT));
    }

    @Test
    void shouldRefuseConnectionsAfterUnbind() throws IOException {
        Socket pull = socket(SocketType.PULL);
        pull.bind("tcp://127.0.0.1:*");
        String endpoint = pull.lastEndpoint();
        pull.unbind(endpoint);
        URI uri = URI.create(endpoint);
        // The port is free again: binding it proves the listener is gone.
        Socket again = socket(SocketType.PULL);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try {
                again.bind(endpoint);
                break;
            } catch (ZmqException e) {
                // The listener closes on its I/O thread; retry until it has.
                assertThat(System.nanoTime())
                        .as("port " + uri.getPort() + " released after unbind")
                        .isLessThan(deadline);
                Thread.onSpinWait();
            }
        }
        assertThat(again.lastEndpoint()).isEqualTo(endpoint);
    }

    @Test
    void shouldAnswerALibzmqDealerThroughReqRepEnvelopes() throws Exception {
        Socket router = socket(SocketType.ROUTER);
        router.bind("tcp://127.0.0.1:*");
        try (LibzmqPeer peer = LibzmqPeer.connected("req-client", router.lastEndpoint(), "--count", "1")) {
            Message request = router.recvMessage();
            assertThat(request.size()).as("routing id, empty delimiter, body").isEqualTo(3);
            assertThat(request.get(1)).isEmpty();
            router.send(Message.of(request.get(0), new byte[0], request.get(2)));
            peer.awaitSuccess();
        }
    }
}
