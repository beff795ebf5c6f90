package dev.zmq4j.perf.soak;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Pipeline: a zmq4j PULL on tcp and ipc collecting two-frame messages {@code [producer, number]} from a steady
 * zmq4j PUSH (tcp) and a steady libzmq PUSH (ipc), and from a libzmq PUSH on each transport that is killed and
 * restarted. Every message must arrive whole (two frames, whoever sent it); a steady producer's must all arrive,
 * in order, with nothing missing.
 *
 * <p>Thread rule: see {@link Flow}; the PULL and the PUSH each run on their own {@link SocketLoop}.
 */
final class PipelineFlow extends ChaosFlow {
    private static final String JAVA_PRODUCER = "steady-java-push";
    private static final String LIBZMQ_PRODUCER = "steady-push";
    private static final int TIMEOUT_MS = 100;
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(15);

    private final int rate;
    private final Map<String, Long> nextExpected = new ConcurrentHashMap<>();
    private final AtomicLong chaosReceived = new AtomicLong();
    private final AtomicLong javaSent = new AtomicLong();
    private long startNanos;
    private SocketLoop collector;
    private SocketLoop producer;
    private LibzmqPeer libzmqProducer;

    PipelineFlow(int rate) {
        this.rate = rate;
    }

    @Override
    public void start(Context context, Path ipcDirectory) {
        Socket pull = context.socket(SocketType.PULL);
        pull.set(SocketOption.LINGER, 0);
        pull.set(SocketOption.RCVTIMEO, TIMEOUT_MS);
        Endpoints endpoints = bindTcpAndIpc(pull, ipcDirectory, "pipeline");
        nextExpected.put(JAVA_PRODUCER, 0L);
        nextExpected.put(LIBZMQ_PRODUCER, 0L);
        collector = new SocketLoop("pull", pull, this::collect); // assigned before it runs: collect() reports
        collector.start();

        Socket push = context.socket(SocketType.PUSH);
        push.set(SocketOption.LINGER, 0);
        push.set(SocketOption.SNDTIMEO, TIMEOUT_MS);
        push.connect(endpoints.tcp());
        startNanos = System.nanoTime();
        producer = new SocketLoop("push", push, this::produce);
        producer.start();

        libzmqProducer = LibzmqPeer.start("push", endpoints.ipc(), LIBZMQ_PRODUCER, rate);
        startChaos("push", endpoints, rate);
    }

    @Override
    public FlowResult finish() {
        List<String> failures = new ArrayList<>();
        producer.stop();
        long sent = javaSent.get();
        long libzmqSent = -1;
        try {
            libzmqSent = libzmqProducer.stop(-1).get("sent");
            sent += libzmqSent;
        } catch (IllegalStateException e) {
            failures.add(e.getMessage());
        }
        killChaos();
        long deadline = System.nanoTime() + DRAIN_NANOS;
        while (!arrived(JAVA_PRODUCER, javaSent.get()) || !arrived(LIBZMQ_PRODUCER, libzmqSent)) {
            if (System.nanoTime() > deadline) {
                break;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // bounded wait for the tail to arrive
        }
        collector.stop();
        long received = nextExpected.get(JAVA_PRODUCER) + nextExpected.get(LIBZMQ_PRODUCER);
        if (!arrived(JAVA_PRODUCER, javaSent.get())) {
            failures.add("zmq4j PUSH sent " + javaSent.get() + ", " + nextExpected.get(JAVA_PRODUCER) + " arrived");
        }
        if (libzmqSent >= 0 && !arrived(LIBZMQ_PRODUCER, libzmqSent)) {
            failures.add("libzmq PUSH sent " + libzmqSent + ", " + nextExpected.get(LIBZMQ_PRODUCER) + " arrived");
        }
        failures.addAll(producer.failures());
        failures.addAll(collector.failures());
        return new FlowResult(
                "pipeline",
                "zmq4j PULL (tcp+ipc) <- zmq4j PUSH (tcp), libzmq PUSH (ipc), " + rate
                        + " msg/s each; chaos: 2 libzmq PUSH (tcp, ipc)",
                sent,
                received,
                sent - received,
                chaosReceived.get(),
                "every message whole (2 frames); steady producers' in order",
                failures);
    }

    private boolean arrived(String producerName, long sent) {
        return sent >= 0 && nextExpected.get(producerName) == sent;
    }

    private boolean produce(Socket push) {
        long due = (System.nanoTime() - startNanos) * rate / TimeUnit.SECONDS.toNanos(1);
        for (long seq = javaSent.get(); seq < due && producer.running(); ) {
            if (push.send(Message.of(JAVA_PRODUCER, Long.toString(seq)))) {
                javaSent.set(++seq);
            } // else the send timed out with nothing queued (all or nothing): the same message again
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // the sending pace, not a synchronisation
        return true;
    }

    private boolean collect(Socket pull) {
        Message message = pull.recvMessage();
        if (message == null) {
            return true;
        }
        if (message.size() != 2) {
            collector.fail("a message of " + message.size() + " frames arrived: " + message);
            return true;
        }
        String from = message.getString(0);
        Long expected = nextExpected.get(from);
        if (expected == null) {
            chaosReceived.incrementAndGet();
            return true;
        }
        long seq = Long.parseLong(message.getString(1));
        if (seq != expected) {
            collector.fail(from + ": message " + seq + " arrived where " + expected + " was due");
            return false;
        }
        nextExpected.put(from, expected + 1);
        return true;
    }
}
