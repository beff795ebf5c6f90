package dev.zmq4j.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.core.Options;
import dev.zmq4j.interop.ZmqTestSupport;
import dev.zmq4j.transport.Endpoint;
import dev.zmq4j.transport.ipc.IpcAddress;
import dev.zmq4j.transport.tcp.TcpAddress;
import dev.zmq4j.transport.udp.UdpAddress;
import dev.zmq4j.transport.ws.WsAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;

/**
 * Endpoint strings as an application might pass them (libzmq's test_bind_fuzzer and test_connect_fuzzer): parsed by
 * {@link Endpoint#parse}, then by the tcp, ipc, ws and udp address parsers for a bind and for a connect, and, for inproc, bound,
 * connected, unbound and disconnected on a real socket. No tcp or ipc endpoint is actually bound or connected: a
 * fuzzed host name would be looked up in DNS, and a fuzzed path created on disk ; ws and wss endpoints are parsed the same way (once
 * they fell through to the inproc branch and a {@code ws://localhost:80} seed was really bound and connected, after
 * which the context's close hung in one CI run, not reproduced since).
 *
 * <p>What must hold: only {@link ZmqException} escapes (an application that passes a bad endpoint gets EINVAL,
 * EPROTONOSUPPORT and the like, never an exception from the JDK's parsers).
 */
class EndpointFuzzTest {
    private static final Context CONTEXT = Context.create();
    private static final Socket BOUND = CONTEXT.socket(SocketType.PAIR);
    private static final Socket CONNECTING = CONTEXT.socket(SocketType.PAIR);
    /** A wss bind without a keystore is refused; a wss connect verifies with the JDK's trust store. */
    private static final Options WS_OPTIONS = new Options();

    @AfterAll
    static void closeContext() {
        BOUND.close();
        CONNECTING.close();
        // Bounded, so that a close that hangs fails with the threads' stacks rather than a bare timeout.
        ZmqTestSupport.runBounded("Context.close()", Duration.ofSeconds(30), CONTEXT::close);
    }

    @FuzzTest(maxDuration = "3m")
    void parsesAnyEndpoint(FuzzedDataProvider data) {
        String prefix = data.pickValue(new String[] {"", "tcp://", "ipc://", "inproc://", "ws://", "wss://", "udp://"});
        String text = prefix + data.consumeRemainingAsString();
        Endpoint endpoint;
        try {
            endpoint = Endpoint.parse(text);
        } catch (ZmqException refused) {
            return;
        }
        switch (endpoint.transport()) {
            case TCP:
                parse(() -> TcpAddress.forBind(text, endpoint.address()));
                parse(() -> TcpAddress.forConnect(text, endpoint.address()));
                break;
            case IPC:
                if (!endpoint.address().equals("*")) {
                    // "*" makes a temporary directory: not for every execution.
                    parse(() -> IpcAddress.forBind(text, endpoint.address()));
                }
                parse(() -> IpcAddress.forConnect(text, endpoint.address()));
                break;
            case WS:
            case WSS:
                boolean secure = endpoint.transport() == Endpoint.Transport.WSS;
                parse(() -> WsAddress.forBind(text, endpoint.address(), secure, WS_OPTIONS));
                parse(() -> WsAddress.forConnect(text, endpoint.address(), secure, WS_OPTIONS));
                break;
            case UDP:
                // Parsed only: opening would look names up in DNS and interfaces up in the kernel.
                parse(() -> UdpAddress.forBind(text, endpoint.address()));
                parse(() -> UdpAddress.forConnect(text, endpoint.address()));
                break;
            default:
                bindAndConnectInproc(text);
        }
    }

    private static void bindAndConnectInproc(String text) {
        boolean bound = parse(() -> BOUND.bind(text));
        boolean connected = parse(() -> CONNECTING.connect(text));
        if (connected) {
            parse(() -> CONNECTING.disconnect(text));
        }
        if (bound) {
            parse(() -> BOUND.unbind(text));
        }
    }

    /** Runs {@code step}; false when it refused with a ZmqException. */
    private static boolean parse(Runnable step) {
        try {
            step.run();
            return true;
        } catch (ZmqException refused) {
            return false;
        }
    }
}
