package dev.zmq4j.perf.soak;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request-reply: a zmq4j ROUTER echoing on tcp and ipc, asked by a steady zmq4j REQ (ipc) and a steady libzmq
 * REQ (tcp), each waiting for every answer before the next request, while two libzmq REQs (tcp, ipc) are killed
 * in the middle of their conversations. The steady requesters must have every request answered, unchanged.
 *
 * <p>Thread rule: see {@link Flow}; the ROUTER and the REQ each run on their own {@link SocketLoop}.
 */
final class RequestReplyFlow extends ChaosFlow {
    private static final int REPLY_TIMEOUT_MS = 20_000;
    private static final int STOP_POLL_MS = 100;

    private final AtomicLong served = new AtomicLong();
    private final AtomicLong javaAnswered = new AtomicLong();
    private SocketLoop server;
    private SocketLoop requester;
    private LibzmqPeer libzmqRequester;

    @Override
    public void start(Context context, Path ipcDirectory) {
        Socket router = context.socket(SocketType.ROUTER);
        router.set(SocketOption.LINGER, 0);
        router.set(SocketOption.RCVTIMEO, STOP_POLL_MS);
        Endpoints endpoints = bindTcpAndIpc(router, ipcDirectory, "req-rep");
        server = new SocketLoop("router-echo", router, this::echo).start();

        Socket req = context.socket(SocketType.REQ);
        req.set(SocketOption.LINGER, 0);
        req.set(SocketOption.RCVTIMEO, REPLY_TIMEOUT_MS);
        req.connect(endpoints.ipc());
        requester = new SocketLoop("req", req, this::ask); // assigned before it runs: ask() reports through it
        requester.start();

        libzmqRequester = LibzmqPeer.start("req", endpoints.tcp(), "steady-req", 0);
        startChaos("req", endpoints, 0);
    }

    @Override
    public FlowResult finish() {
        List<String> failures = new ArrayList<>();
        long sent = 0;
        long answered = 0;
        try {
            Map<String, Long> counts = libzmqRequester.stop(-1);
            sent += counts.get("sent");
            answered += counts.get("received");
        } catch (IllegalStateException e) {
            failures.add(e.getMessage());
        }
        killChaos();
        requester.stop();
        sent += javaAnswered.get() + (requester.failures().isEmpty() ? 0 : 1);
        answered += javaAnswered.get();
        server.stop();
        failures.addAll(requester.failures());
        failures.addAll(server.failures());
        long steadyServed = answered;
        return new FlowResult(
                "req-rep",
                "zmq4j ROUTER (tcp+ipc) <- zmq4j REQ (ipc), libzmq REQ (tcp); chaos: 2 libzmq REQ (tcp, ipc)",
                sent,
                answered,
                sent - answered,
                Math.max(served.get() - steadyServed, 0),
                "every steady request answered unchanged",
                failures);
    }

    private boolean echo(Socket router) {
        Message request = router.recvMessage();
        if (request != null) {
            router.send(request);
            served.incrementAndGet();
        }
        return true;
    }

    private boolean ask(Socket req) {
        long seq = javaAnswered.get();
        byte[] request = ("steady-java-req " + seq).getBytes(StandardCharsets.US_ASCII);
        req.send(request);
        byte[] reply = req.recv();
        if (reply == null) {
            requester.fail("zmq4j REQ: no reply to request " + seq + " in " + REPLY_TIMEOUT_MS + " ms");
            return false;
        }
        if (!Arrays.equals(reply, request)) {
            requester.fail(
                    "zmq4j REQ: request " + seq + " answered with " + new String(reply, StandardCharsets.US_ASCII));
            return false;
        }
        javaAnswered.incrementAndGet();
        return true;
    }
}
