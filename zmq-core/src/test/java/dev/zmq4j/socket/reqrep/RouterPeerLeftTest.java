package dev.zmq4j.socket.reqrep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Context;
import dev.zmq4j.ErrorCode;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.interop.ScriptedLibzmqPeer;
import dev.zmq4j.interop.ZmqTestSupport;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A ROUTER that only sends learns that a peer has gone without reading: once the peer's connection is DISCONNECTED,
 * a ROUTER_MANDATORY send to it fails with EHOSTUNREACH, as in libzmq, instead of queueing up to the high-water mark
 * and then waiting for ever (the pipe used to wait for the application to read its delimiter); with a zmq4j DEALER
 * and with libzmq's.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RouterPeerLeftTest {
    @Test
    void shouldRefuseAZmq4jPeerThatLeftUnderRouterMandatory() throws InterruptedException {
        Context context = Context.create();
        try {
            Socket router = mandatoryRouter(context);
            BlockingQueue<SocketEvent> events = events(router);
            Socket dealer = ZmqTestSupport.socket(context, SocketType.DEALER);
            dealer.connect(router.lastEndpoint());
            dealer.send("hello");
            byte[] peer =
                    ZmqTestSupport.receiveMessage(router, "hello", () -> "").get(0);
            dealer.close();
            assertRefusedOnceGone(router, events, peer);
        } finally {
            ZmqTestSupport.runBounded("Context.close()", Duration.ofSeconds(10), context::close);
        }
    }

    /** The same with libzmq's DEALER (pyzmq), whose process exits after its message. */
    @Test
    void shouldRefuseALibzmqPeerThatLeftUnderRouterMandatory() throws InterruptedException {
        Context context = Context.create();
        try {
            Socket router = mandatoryRouter(context);
            BlockingQueue<SocketEvent> events = events(router);
            byte[] peer;
            try (ScriptedLibzmqPeer dealer = ScriptedLibzmqPeer.connected("dealer-script", router.lastEndpoint())) {
                dealer.send("hello");
                peer = ZmqTestSupport.receiveMessage(router, "hello", dealer::diagnostics)
                        .get(0);
                dealer.quit();
            }
            assertRefusedOnceGone(router, events, peer);
        } finally {
            ZmqTestSupport.runBounded("Context.close()", Duration.ofSeconds(10), context::close);
        }
    }

    private static Socket mandatoryRouter(Context context) {
        Socket router = ZmqTestSupport.socket(context, SocketType.ROUTER);
        router.set(SocketOption.ROUTER_MANDATORY, true);
        return router;
    }

    /** Listens to the router's events, then binds it. */
    private static BlockingQueue<SocketEvent> events(Socket router) {
        BlockingQueue<SocketEvent> events = new LinkedBlockingQueue<>();
        router.addEventListener(events::add, SocketEvent.ALL);
        router.bind("tcp://127.0.0.1:*");
        return events;
    }

    private static void assertRefusedOnceGone(Socket router, BlockingQueue<SocketEvent> events, byte[] peer)
            throws InterruptedException {
        ZmqTestSupport.awaitEvent(events, SocketEvent.Type.DISCONNECTED);
        // The pipe's end arrives by command just after the event: a bounded number of sends may still pass.
        router.set(SocketOption.SNDTIMEO, 0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean refused = false;
        while (!refused && System.nanoTime() < deadline) {
            try {
                router.send(Message.of(peer, "late".getBytes()));
                Thread.onSpinWait();
            } catch (ZmqException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.EHOSTUNREACH);
                refused = true;
            }
        }
        assertThat(refused).as("EHOSTUNREACH for the departed peer within 10 s").isTrue();
        assertThatThrownBy(() -> router.send(Message.of(peer, "again".getBytes())))
                .isInstanceOfSatisfying(
                        ZmqException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EHOSTUNREACH));
    }
}
