package dev.zmq4j.interop;

import static dev.zmq4j.interop.ZmqTestSupport.assertFrames;
import static dev.zmq4j.interop.ZmqTestSupport.receiveMessage;
import static dev.zmq4j.interop.ZmqTestSupport.sendMessage;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The interop scenarios, each played twice: zmq4j binding with the peer connecting, and the peer binding with
 * zmq4j connecting. Subclasses say who the peer is (libzmq, JeroMQ). Every exchange goes over tcp on 127.0.0.1
 * with ephemeral ports; every receive is bounded by RCVTIMEO, every peer wait by the peer's own bound.
 */
abstract class InteropScenarios {
    static final int REQUESTS = 200;
    static final int STREAM_MESSAGES = 100_000;
    /** Starts with a printable byte (libzmq reserves a leading 0), contains 0x00 and 0xFF. */
    static final byte[] ZMQ4J_ROUTING_ID = {'z', '4', 'j', 0x00, (byte) 0xFF, 0x01};

    static final byte[] PEER_ROUTING_ID = {'p', 'e', 'e', 'r', 0x00, (byte) 0xFE};

    private Context context;

    /** This test's context, closed after it. */
    protected Context context() {
        return context;
    }

    /** Where the bound end binds: {@code tcp://127.0.0.1:*} unless a subclass runs the scenarios on another transport. */
    protected String bindEndpoint() {
        return "tcp://127.0.0.1:*";
    }

    /** Starts a peer that binds {@link #bindEndpoint()} and returns once its endpoint is known. */
    protected abstract InteropPeer startBound(PeerRole role, PeerArgs args);

    /** Starts a peer that connects to {@code endpoint} and returns once it has called connect. */
    protected abstract InteropPeer startConnected(PeerRole role, String endpoint, PeerArgs args);

    @BeforeEach
    void createContext() {
        context = Context.create();
    }

    @AfterEach
    void closeContext() {
        ZmqTestSupport.runBounded("Context.close()", Duration.ofSeconds(10), context::close);
    }

    // REQ/REP

    @Test
    void shouldGetRepliesOnBoundReqFromConnectingPeerRep() {
        requestAsZmq4jReq(true);
    }

    @Test
    void shouldGetRepliesOnConnectingReqFromBoundPeerRep() {
        requestAsZmq4jReq(false);
    }

    @Test
    void shouldAnswerRequestsOnBoundRepFromConnectingPeerReq() {
        answerAsZmq4jRep(true);
    }

    @Test
    void shouldAnswerRequestsOnConnectingRepFromBoundPeerReq() {
        answerAsZmq4jRep(false);
    }

    // DEALER/ROUTER

    @Test
    void shouldBeRoutedByItsRoutingIdAsBoundDealerToConnectingPeerRouter() {
        dealWithPeerRouter(true);
    }

    @Test
    void shouldBeRoutedByItsRoutingIdAsConnectingDealerToBoundPeerRouter() {
        dealWithPeerRouter(false);
    }

    @Test
    void shouldRouteByPeerRoutingIdAsBoundRouterToConnectingPeerDealer() {
        routeForPeerDealer(true);
    }

    @Test
    void shouldRouteByPeerRoutingIdAsConnectingRouterToBoundPeerDealer() {
        routeForPeerDealer(false);
    }

    // PUSH/PULL

    @Test
    void shouldPushAllMessagesInOrderFromBoundPushToConnectingPeerPull() {
        pushToPeer(true);
    }

    @Test
    void shouldPushAllMessagesInOrderFromConnectingPushToBoundPeerPull() {
        pushToPeer(false);
    }

    @Test
    void shouldPullAllMessagesInOrderOnBoundPullFromConnectingPeerPush() {
        pullFromPeer(true);
    }

    @Test
    void shouldPullAllMessagesInOrderOnConnectingPullFromBoundPeerPush() {
        pullFromPeer(false);
    }

    // PAIR

    @Test
    void shouldExchangeOnBoundPairWithConnectingPeerPair() {
        pairWithPeer(true);
    }

    @Test
    void shouldExchangeOnConnectingPairWithBoundPeerPair() {
        pairWithPeer(false);
    }

    private void requestAsZmq4jReq(boolean zmq4jBinds) {
        Socket req = ZmqTestSupport.socket(context, SocketType.REQ);
        try (InteropPeer peer = attach(req, zmq4jBinds, PeerRole.REP_ECHO, PeerArgs.count(REQUESTS))) {
            requestAll(req, peer, REQUESTS);
            peer.awaitSuccess();
        }
    }

    private void answerAsZmq4jRep(boolean zmq4jBinds) {
        Socket rep = ZmqTestSupport.socket(context, SocketType.REP);
        try (InteropPeer peer = attach(rep, zmq4jBinds, PeerRole.REQ_CLIENT, PeerArgs.count(REQUESTS))) {
            answerAll(rep, peer, REQUESTS);
            peer.awaitSuccess();
        }
    }

    private void dealWithPeerRouter(boolean zmq4jBinds) {
        Socket dealer = ZmqTestSupport.socket(context, SocketType.DEALER);
        dealer.set(SocketOption.ROUTING_ID, ZMQ4J_ROUTING_ID);
        PeerArgs args = PeerArgs.count(REQUESTS).expectingRoutingId(ZMQ4J_ROUTING_ID);
        try (InteropPeer peer = attach(dealer, zmq4jBinds, PeerRole.ROUTER_ECHO, args)) {
            for (int i = 0; i < REQUESTS; i++) {
                byte[][] frames = Traffic.dealerFrames(i);
                sendMessage(dealer, Message.of(frames), "message " + i, peer::diagnostics);
                Message reply = receiveMessage(dealer, "reply " + i, peer::diagnostics);
                List<byte[]> expected = new ArrayList<>();
                expected.add(ZMQ4J_ROUTING_ID); // the routing id the peer ROUTER saw, echoed by it
                expected.addAll(Arrays.asList(frames));
                assertFrames(
                        reply,
                        expected,
                        "reply " + i + " ([routing id seen by the ROUTER, frames...])",
                        peer::diagnostics);
            }
            peer.awaitSuccess();
        }
    }

    private void routeForPeerDealer(boolean zmq4jBinds) {
        Socket router = ZmqTestSupport.socket(context, SocketType.ROUTER);
        router.set(SocketOption.ROUTER_MANDATORY, true); // an unknown routing id fails instead of dropping
        PeerArgs args = PeerArgs.count(REQUESTS).withRoutingId(PEER_ROUTING_ID);
        try (InteropPeer peer = attach(router, zmq4jBinds, PeerRole.DEALER_CLIENT, args)) {
            for (int i = 0; i < REQUESTS; i++) {
                Message received = receiveMessage(router, "message " + i, peer::diagnostics);
                List<byte[]> expected = new ArrayList<>();
                expected.add(PEER_ROUTING_ID);
                expected.addAll(Arrays.asList(Traffic.dealerFrames(i)));
                assertFrames(received, expected, "message " + i + " ([routing id, frames...])", peer::diagnostics);
                List<byte[]> reply = new ArrayList<>();
                reply.add(received.get(0));
                reply.add(received.get(0));
                for (int k = 1; k < received.size(); k++) {
                    reply.add(received.get(k));
                }
                sendMessage(router, Message.of(reply.toArray(byte[][]::new)), "reply " + i, peer::diagnostics);
            }
            peer.awaitSuccess();
        }
    }

    private void pushToPeer(boolean zmq4jBinds) {
        Socket push = ZmqTestSupport.socket(context, SocketType.PUSH);
        try (InteropPeer peer = attach(push, zmq4jBinds, PeerRole.PULL, PeerArgs.count(STREAM_MESSAGES))) {
            for (int i = 0; i < STREAM_MESSAGES; i++) {
                if (!push.send(Traffic.payload(i))) {
                    throw new AssertionError(
                            "zmq4j PUSH could not send message " + i + " within its SNDTIMEO" + peer.diagnostics());
                }
            }
            peer.awaitSuccess(); // the peer checks all arrived, in order
        }
    }

    private void pullFromPeer(boolean zmq4jBinds) {
        Socket pull = ZmqTestSupport.socket(context, SocketType.PULL);
        try (InteropPeer peer = attach(pull, zmq4jBinds, PeerRole.PUSH, PeerArgs.count(STREAM_MESSAGES))) {
            for (int i = 0; i < STREAM_MESSAGES; i++) {
                byte[] message = pull.recv();
                if (message == null) {
                    throw new AssertionError("zmq4j PULL received only " + i + " of " + STREAM_MESSAGES
                            + " messages within its RCVTIMEO" + peer.diagnostics());
                }
                if (!Arrays.equals(message, Traffic.payload(i))) {
                    throw new AssertionError("message " + i + " was " + Traffic.show(message) + ", expected "
                            + Traffic.show(Traffic.payload(i)) + " (lost or reordered)" + peer.diagnostics());
                }
            }
            if (pull.hasMore()) {
                throw new AssertionError("the last message had more frames");
            }
            peer.awaitSuccess();
        }
    }

    private void pairWithPeer(boolean zmq4jBinds) {
        Socket pair = ZmqTestSupport.socket(context, SocketType.PAIR);
        try (InteropPeer peer = attach(pair, zmq4jBinds, PeerRole.PAIR_ECHO, PeerArgs.count(REQUESTS))) {
            for (int i = 0; i < REQUESTS; i++) {
                Message message = Message.of(Traffic.pair(i));
                sendMessage(pair, message, "message " + i, peer::diagnostics);
                assertFrames(
                        receiveMessage(pair, "echo " + i, peer::diagnostics), message, "echo " + i, peer::diagnostics);
            }
            peer.awaitSuccess();
        }
    }

    /** Binds {@code socket} and starts a connecting peer, or starts a bound peer and connects {@code socket}. */
    protected InteropPeer attach(Socket socket, boolean zmq4jBinds, PeerRole role, PeerArgs args) {
        return attach(
                socket,
                zmq4jBinds,
                endpoint -> startConnected(role, endpoint, args),
                () -> startBound(role, args),
                InteropPeer::endpoint);
    }

    /**
     * Binds {@code socket} and starts a peer connected to it, or starts a bound peer and connects {@code socket} to
     * its endpoint; a peer whose endpoint cannot be connected to is closed.
     */
    protected <P extends AutoCloseable> P attach(
            Socket socket,
            boolean zmq4jBinds,
            Function<String, P> connectedPeer,
            Supplier<P> boundPeer,
            Function<P, String> endpointOf) {
        if (zmq4jBinds) {
            socket.bind(bindEndpoint());
            return connectedPeer.apply(socket.lastEndpoint());
        }
        P peer = boundPeer.get();
        try {
            socket.connect(endpointOf.apply(peer));
        } catch (RuntimeException | AssertionError e) {
            try {
                peer.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return peer;
    }

    /** Sends {@code count} {@link Traffic#request(int)} on a zmq4j REQ and checks each echoed reply. */
    protected static void requestAll(Socket req, InteropPeer peer, int count) {
        for (int i = 0; i < count; i++) {
            Message request = Message.of(Traffic.request(i));
            sendMessage(req, request, "request " + i, peer::diagnostics);
            assertFrames(
                    receiveMessage(req, "reply " + i, peer::diagnostics), request, "reply " + i, peer::diagnostics);
        }
    }

    /** Receives {@code count} {@link Traffic#request(int)} on a zmq4j REP, checks each and echoes it. */
    protected static void answerAll(Socket rep, InteropPeer peer, int count) {
        for (int i = 0; i < count; i++) {
            Message request = receiveMessage(rep, "request " + i, peer::diagnostics);
            assertFrames(request, Arrays.asList(Traffic.request(i)), "request " + i, peer::diagnostics);
            sendMessage(rep, request, "reply " + i, peer::diagnostics);
        }
    }
}
