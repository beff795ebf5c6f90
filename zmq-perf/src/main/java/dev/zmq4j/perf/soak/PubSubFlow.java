package dev.zmq4j.perf.soak;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Publish-subscribe: a zmq4j PUB on tcp and ipc publishing numbered messages at a set rate, far below what would
 * reach its high-water mark, to a steady zmq4j SUB (tcp) and a steady libzmq SUB (ipc), while a libzmq SUB on each
 * transport is killed and restarted. With the high-water mark never reached, a steady subscriber must see every
 * message from the first it gets to the last published, with no gap.
 *
 * <p>Thread rule: see {@link Flow}; the PUB and the SUB each run on their own {@link SocketLoop}.
 */
final class PubSubFlow extends ChaosFlow {
    private static final int SEND_HWM = 100_000;
    private static final int STOP_POLL_MS = 100;
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final int rate;
    private final AtomicLong published = new AtomicLong();
    private final GapCounter javaSubscriber = new GapCounter();
    private long startNanos;
    private SocketLoop publisher;
    private SocketLoop subscriber;
    private LibzmqPeer libzmqSubscriber;

    PubSubFlow(int rate) {
        this.rate = rate;
    }

    @Override
    public void start(Context context, Path ipcDirectory) {
        Socket pub = context.socket(SocketType.PUB);
        pub.set(SocketOption.LINGER, 0);
        pub.set(SocketOption.SNDHWM, SEND_HWM);
        Endpoints endpoints = bindTcpAndIpc(pub, ipcDirectory, "pub-sub");

        Socket sub = context.socket(SocketType.SUB);
        sub.set(SocketOption.LINGER, 0);
        sub.set(SocketOption.RCVHWM, 0);
        sub.set(SocketOption.RCVTIMEO, STOP_POLL_MS);
        sub.set(SocketOption.SUBSCRIBE, new byte[0]);
        sub.connect(endpoints.tcp());
        subscriber = new SocketLoop("sub", sub, this::receive).start();
        libzmqSubscriber = LibzmqPeer.start("sub", endpoints.ipc(), "steady-sub", 0);
        startChaos("sub", endpoints, 0);

        startNanos = System.nanoTime();
        publisher = new SocketLoop("pub", pub, this::publish); // assigned before it runs: publish() reports through it
        publisher.start();
    }

    @Override
    public FlowResult finish() {
        List<String> failures = new ArrayList<>();
        publisher.stop();
        long last = published.get() - 1;
        long sent = 0;
        long received = 0;
        long lost = 0;
        try {
            Map<String, Long> counts = libzmqSubscriber.stop(last);
            sent += counts.get("last") - counts.get("first") + 1;
            received += counts.get("received");
            lost += counts.get("missing");
            check(failures, "libzmq SUB", counts.get("received"), counts.get("gaps"), counts.get("last"), last);
        } catch (IllegalStateException e) {
            failures.add(e.getMessage());
        }
        long deadline = System.nanoTime() + DRAIN_NANOS;
        while (javaSubscriber.last() < last && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // bounded wait for the tail to arrive
        }
        subscriber.stop();
        killChaos();
        sent += javaSubscriber.last() - javaSubscriber.first() + 1;
        received += javaSubscriber.received();
        lost += javaSubscriber.missing();
        check(failures, "zmq4j SUB", javaSubscriber.received(), javaSubscriber.gaps(), javaSubscriber.last(), last);
        failures.addAll(publisher.failures());
        failures.addAll(subscriber.failures());
        return new FlowResult(
                "pub-sub",
                "zmq4j PUB (tcp+ipc, " + rate + " msg/s) -> zmq4j SUB (tcp), libzmq SUB (ipc); chaos: 2 libzmq SUB"
                        + " (tcp, ipc)",
                sent,
                received,
                lost,
                -1,
                published.get() + " published; high-water mark " + SEND_HWM + " never reached",
                failures);
    }

    private static void check(List<String> failures, String who, long received, long gaps, long lastSeen, long last) {
        if (received == 0) {
            failures.add(who + " received nothing");
        }
        if (gaps > 0) {
            failures.add(who + " saw " + gaps + " gaps below the high-water mark");
        }
        if (lastSeen != last) {
            failures.add(who + " ended at " + lastSeen + ", the last published was " + last);
        }
    }

    private boolean publish(Socket pub) {
        long due = (System.nanoTime() - startNanos) * rate / TimeUnit.SECONDS.toNanos(1);
        for (long seq = published.get(); seq < due; seq++) {
            if (!pub.send(Long.toString(seq).getBytes(StandardCharsets.US_ASCII))) {
                publisher.fail("zmq4j PUB refused message " + seq);
                return false;
            }
            published.set(seq + 1);
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // the publishing pace, not a synchronisation
        return true;
    }

    private boolean receive(Socket sub) {
        byte[] message = sub.recv();
        if (message != null) {
            javaSubscriber.saw(Long.parseLong(new String(message, StandardCharsets.US_ASCII)));
        }
        return true;
    }
}
