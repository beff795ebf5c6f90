package dev.zmq4j.socket.draft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Context;
import dev.zmq4j.ErrorCode;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.interop.ZmqTestSupport;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SCATTER/GATHER, CHANNEL and PEER, libzmq's other thread-safe draft types, over inproc, tcp and ipc: single-part
 * PUSH/PULL and PAIR, and PEERs that learn each other's routing ids at connect.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DraftPatternsTest {
    private Context context;

    @BeforeEach
    void createContext() {
        context = Context.create();
    }

    @AfterEach
    void closeContext() {
        ZmqTestSupport.runBounded("Context.close()", Duration.ofSeconds(10), context::close);
    }

    private Socket socket(SocketType type) {
        return ZmqTestSupport.socket(context, type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "tcp", "ipc"})
    void shouldScatterRoundRobinToGathers(String transport) {
        Socket first = socket(SocketType.GATHER);
        first.bind(ZmqTestSupport.ephemeralEndpoint(transport));
        Socket second = socket(SocketType.GATHER);
        second.bind(ZmqTestSupport.ephemeralEndpoint(transport));
        Socket scatter = socket(SocketType.SCATTER);
        scatter.connect(first.lastEndpoint());
        scatter.connect(second.lastEndpoint());
        awaitBothConnected(scatter, first, second);
        for (int i = 0; i < 6; i++) {
            assertThat(scatter.send("job " + i)).isTrue();
        }
        // Round robin: each GATHER gets every other job, three each.
        int firstParity = jobNumber(first.recvString()) % 2;
        for (int i = 0; i < 2; i++) {
            assertThat(jobNumber(first.recvString()) % 2).isEqualTo(firstParity);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(jobNumber(second.recvString()) % 2).isEqualTo(1 - firstParity);
        }
    }

    private static int jobNumber(String job) {
        assertThat(job).startsWith("job ");
        return Integer.parseInt(job.substring(4));
    }

    /**
     * Probes until both GATHERs have received one (a tcp connect may not be up when the first goes), then takes every
     * probe sent: a SCATTER never drops, so the count says when none is left in flight.
     */
    private static void awaitBothConnected(Socket scatter, Socket first, Socket second) {
        first.set(SocketOption.RCVTIMEO, 20);
        second.set(SocketOption.RCVTIMEO, 20);
        int sent = 0;
        int toFirst = 0;
        int toSecond = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((toFirst == 0 || toSecond == 0 || toFirst + toSecond < sent) && System.nanoTime() < deadline) {
            if (toFirst == 0 || toSecond == 0) {
                assertThat(scatter.send("probe")).isTrue();
                sent++;
            }
            toFirst += first.recv() != null ? 1 : 0;
            toSecond += second.recv() != null ? 1 : 0;
        }
        assertThat(toFirst > 0 && toSecond > 0 && toFirst + toSecond == sent)
                .as(
                        "both GATHERs connected and every probe taken within 10 s (%d sent, %d and %d taken)",
                        sent, toFirst, toSecond)
                .isTrue();
        first.set(SocketOption.RCVTIMEO, ZmqTestSupport.TIMEOUT_MS);
        second.set(SocketOption.RCVTIMEO, ZmqTestSupport.TIMEOUT_MS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "tcp", "ipc"})
    void shouldCarrySinglePartMessagesBothWaysOnAChannel(String transport) {
        Socket left = socket(SocketType.CHANNEL);
        left.bind(ZmqTestSupport.ephemeralEndpoint(transport));
        Socket right = socket(SocketType.CHANNEL);
        right.connect(left.lastEndpoint());
        assertThat(right.send("ping")).isTrue();
        assertThat(left.recvString()).isEqualTo("ping");
        assertThat(left.send("pong")).isTrue();
        assertThat(right.recvString()).isEqualTo("pong");
    }

    @Test
    void shouldRefuseMultipartOnEveryDraftType() {
        for (SocketType type : new SocketType[] {SocketType.SCATTER, SocketType.CHANNEL, SocketType.PEER}) {
            Socket socket = socket(type);
            assertThatThrownBy(() -> socket.send(Message.of("a", "b")))
                    .as(type.name())
                    .isInstanceOfSatisfying(
                            ZmqException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EINVAL));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "tcp", "ipc"})
    void shouldLetAPeerSendToThePeerItConnectedToAtOnce(String transport) {
        Socket listening = socket(SocketType.PEER);
        listening.bind(ZmqTestSupport.ephemeralEndpoint(transport));
        Socket connecting = socket(SocketType.PEER);
        int id = connecting.connectPeer(listening.lastEndpoint());
        assertThat(id).isNotZero();
        assertThat(connecting.send(Message.of("first word").routingId(id))).isTrue();
        Message received = ZmqTestSupport.receiveMessage(listening, "the first word", () -> transport);
        assertThat(received.getString(0)).isEqualTo("first word");
        assertThat(listening.send(Message.of("answer").routingId(received.routingId())))
                .isTrue();
        Message answer = ZmqTestSupport.receiveMessage(connecting, "the answer", () -> transport);
        assertThat(answer.getString(0)).isEqualTo("answer");
        assertThat(answer.routingId()).isEqualTo(id);
    }

    @Test
    void shouldGiveEachConnectedPeerItsOwnId() {
        Socket a = socket(SocketType.PEER);
        a.bind("inproc://peer-a");
        Socket b = socket(SocketType.PEER);
        b.bind("inproc://peer-b");
        Socket hub = socket(SocketType.PEER);
        int toA = hub.connectPeer("inproc://peer-a");
        int toB = hub.connectPeer("inproc://peer-b");
        assertThat(toA).isNotEqualTo(toB);
        hub.send(Message.of("for b").routingId(toB));
        hub.send(Message.of("for a").routingId(toA));
        assertThat(a.recvString()).isEqualTo("for a");
        assertThat(b.recvString()).isEqualTo("for b");
    }

    @Test
    void shouldRefuseConnectPeerWithImmediateOrOnAnotherType() {
        Socket peer = socket(SocketType.PEER);
        peer.set(SocketOption.IMMEDIATE, true);
        assertThatThrownBy(() -> peer.connectPeer("tcp://127.0.0.1:5555"))
                .isInstanceOfSatisfying(
                        ZmqException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EINVAL))
                .hasMessageContaining("IMMEDIATE");
        Socket client = socket(SocketType.CLIENT);
        assertThatThrownBy(() -> client.connectPeer("tcp://127.0.0.1:5555"))
                .isInstanceOfSatisfying(
                        ZmqException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EINVAL))
                .hasMessageContaining("PEER");
    }

    @Test
    void shouldSayWhichTypesAreThreadSafeAndWhoTalksToWhom() {
        assertThat(SocketType.GATHER.isThreadSafe()).isTrue();
        assertThat(SocketType.SCATTER.isThreadSafe()).isTrue();
        assertThat(SocketType.PEER.isThreadSafe()).isTrue();
        assertThat(SocketType.CHANNEL.isThreadSafe()).isTrue();
        assertThat(SocketType.PUSH.isThreadSafe()).isFalse();
        assertThat(SocketType.SCATTER.isCompatibleWith(SocketType.GATHER)).isTrue();
        assertThat(SocketType.SCATTER.isCompatibleWith(SocketType.PULL)).isFalse();
        assertThat(SocketType.PEER.isCompatibleWith(SocketType.PEER)).isTrue();
        assertThat(SocketType.CHANNEL.isCompatibleWith(SocketType.PAIR)).isFalse();
    }
}
