package dev.zmq4j.perf.soak;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reconnection: zmq4j REQs (REQ_RELAXED, REQ_CORRELATE) connected to libzmq REPs, one on tcp and one on ipc,
 * which the monkey kills and starts again on the same endpoint. A request that gets no answer in time is sent
 * again (the Lazy Pirate pattern); every request must end up answered, unchanged, and every time one had to be
 * sent again, its REP must have been down during the wait (or just restarted, within a reconnect grace).
 *
 * <p>Thread rule: see {@link Flow}; each REQ runs on its own {@link SocketLoop}.
 */
final class ReconnectFlow extends ChaosFlow {
    private static final int REPLY_TIMEOUT_MS = 3_000;
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final List<SocketLoop> clients = new ArrayList<>();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong resent = new AtomicLong();

    @Override
    public void start(Context context, Path ipcDirectory) {
        String tcp = "tcp://127.0.0.1:" + freePort();
        String ipc = "ipc://" + ipcDirectory.resolve("reconnect.ipc");
        for (String endpoint : List.of(tcp, ipc)) {
            ChaosPeer rep = new ChaosPeer("rep", endpoint, "chaos-rep", 0);
            startChaos(rep);
            Socket req = context.socket(SocketType.REQ);
            req.set(SocketOption.LINGER, 0);
            req.set(SocketOption.REQ_RELAXED, true);
            req.set(SocketOption.REQ_CORRELATE, true);
            req.set(SocketOption.RECONNECT_IVL, 50);
            req.set(SocketOption.RCVTIMEO, REPLY_TIMEOUT_MS);
            req.connect(endpoint);
            String name = endpoint.startsWith("tcp") ? "req-reconnect-tcp" : "req-reconnect-ipc";
            SocketLoop[] loop = new SocketLoop[1];
            long[] seq = {0};
            loop[0] = new SocketLoop(name, req, socket -> ask(socket, rep, name, seq, loop[0]));
            clients.add(loop[0]);
            loop[0].start();
        }
    }

    @Override
    public FlowResult finish() {
        List<String> failures = new ArrayList<>();
        clients.forEach(SocketLoop::stop);
        killChaos();
        clients.forEach(client -> failures.addAll(client.failures()));
        return new FlowResult(
                "req-rep reconnecting",
                "zmq4j REQ (relaxed, correlated) -> libzmq REP (tcp, ipc), the REPs killed and restarted",
                answered.get(),
                answered.get(),
                0,
                -1,
                resent.get() + " requests sent again, each while its REP was down",
                failures);
    }

    /** One request, sent again until it is answered; a stop is noticed between attempts. */
    private boolean ask(Socket req, ChaosPeer rep, String name, long[] seq, SocketLoop loop) {
        byte[] request = (name + " " + seq[0]).getBytes(StandardCharsets.US_ASCII);
        while (loop.running()) {
            long sentAt = System.nanoTime();
            req.send(request);
            byte[] reply = req.recv();
            if (reply != null) {
                if (!Arrays.equals(reply, request)) {
                    loop.fail(name + ": request " + seq[0] + " answered with "
                            + new String(reply, StandardCharsets.US_ASCII));
                    return false;
                }
                seq[0]++;
                answered.incrementAndGet();
                return true;
            }
            resent.incrementAndGet();
            if (!rep.wasDownDuring(sentAt, System.nanoTime(), GRACE_NANOS)) {
                loop.fail(name + ": request " + seq[0] + " unanswered for " + REPLY_TIMEOUT_MS
                        + " ms while its REP was up");
                return false;
            }
        }
        return false;
    }

    /** A port free now, for a REP that must come back on the same endpoint each time it is restarted. */
    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free tcp port on the loopback", e);
        }
    }
}
