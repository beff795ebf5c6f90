package dev.zmq4j.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zmq4j.Context;
import dev.zmq4j.Poller;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Blocking calls of the core on virtual threads (Java 21 and later; the suite runs on Java 25 too, see bin/test):
 * more callers blocked at once than the virtual-thread scheduler can ever have carriers (it adds at most 256 to
 * make up for pinned ones), then one more virtual thread that must still run to wake them all. A receive or a poll
 * that blocked its carrier (a Selector, a monitor wait) instead of parking would leave no carrier for the callers
 * after the first few, and the test would fail naming how many got to wait.
 *
 * <p>Compiled for Java 17, so virtual threads are started through {@code Thread.ofVirtual()} found at run time; on
 * Java 17 the test is skipped.
 */
class VirtualThreadCallersTest {
    /** Above the scheduler's largest pool (256 carriers), so pinning cannot be made up for. */
    private static final int CALLERS = 300;

    private static final long WAIT_MS = 20_000;

    @Test
    void shouldParkHundredsOfVirtualThreadsInRecvAndPollWithoutHoldingCarriers() throws Throwable {
        MethodHandle startVirtual = virtualThreadStarter();
        try (Context context = Context.create()) {
            CountDownLatch bound = new CountDownLatch(CALLERS);
            ConcurrentLinkedQueue<Thread> callers = new ConcurrentLinkedQueue<>();
            List<CompletableFuture<String>> received = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                int index = i;
                CompletableFuture<String> result = new CompletableFuture<>();
                received.add(result);
                startVirtual.invoke((Runnable) () -> {
                    callers.add(Thread.currentThread());
                    try (Socket pull = context.socket(SocketType.PULL)) {
                        pull.set(SocketOption.LINGER, 0);
                        pull.bind("inproc://virtual-" + index);
                        bound.countDown();
                        if (index % 2 == 0) {
                            result.complete(pull.recvString());
                        } else {
                            try (Poller poller = context.poller()) {
                                poller.register(pull, Poller.POLLIN);
                                poller.poll(-1);
                                result.complete(pull.recvString());
                            }
                        }
                    } catch (Throwable failure) {
                        result.completeExceptionally(failure);
                    }
                });
            }
            assertThat(bound.await(WAIT_MS, TimeUnit.MILLISECONDS))
                    .as(
                            "every virtual caller got a carrier and bound its socket (%d of %d did)",
                            CALLERS - bound.getCount(), CALLERS)
                    .isTrue();
            awaitAllWaiting(callers);

            // One more virtual thread: it needs a carrier while all the callers are blocked.
            CompletableFuture<Void> sent = new CompletableFuture<>();
            startVirtual.invoke((Runnable) () -> {
                try (Socket push = context.socket(SocketType.PUSH)) {
                    push.set(SocketOption.LINGER, -1);
                    for (int i = 0; i < CALLERS; i++) {
                        push.connect("inproc://virtual-" + i);
                    }
                    for (int i = 0; i < CALLERS; i++) {
                        push.send("to caller");
                    }
                    sent.complete(null);
                } catch (Throwable failure) {
                    sent.completeExceptionally(failure);
                }
            });
            sent.get(WAIT_MS, TimeUnit.MILLISECONDS);
            for (CompletableFuture<String> result : received) {
                assertThat(result.get(WAIT_MS, TimeUnit.MILLISECONDS)).isEqualTo("to caller");
            }
        }
    }

    /** Waits (bounded) until every caller is parked: a virtual thread parked in recv or poll reads WAITING. */
    private static void awaitAllWaiting(ConcurrentLinkedQueue<Thread> callers) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (true) {
            long waiting = callers.stream()
                    .filter(t -> t.getState() == Thread.State.WAITING)
                    .count();
            if (waiting == CALLERS) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + waiting + " of " + CALLERS + " virtual callers got to wait");
            }
            Thread.onSpinWait();
        }
    }

    /** {@code runnable -> Thread.ofVirtual().start(runnable)}, or the test is skipped before Java 21. */
    static MethodHandle virtualThreadStarter() throws Throwable {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21 or later");
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        Class<?> builder = Class.forName("java.lang.Thread$Builder$OfVirtual");
        MethodHandle ofVirtual = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(builder));
        MethodHandle start = lookup.findVirtual(
                Class.forName("java.lang.Thread$Builder"),
                "start",
                MethodType.methodType(Thread.class, Runnable.class));
        Object virtualBuilder = ofVirtual.invoke();
        return MethodHandles.insertArguments(start, 0, virtualBuilder)
                .asType(MethodType.methodType(Thread.class, Runnable.class));
    }
}
