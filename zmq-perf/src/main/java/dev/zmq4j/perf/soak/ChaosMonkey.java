package dev.zmq4j.perf.soak;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Kills one chaos peer at a time, at random among them, at random intervals around a mean, and starts it again.
 * The interval is a pace, not a synchronisation: nothing waits for the monkey.
 *
 * <p>Thread rule: {@link #start} and {@link #stop} from the soak's thread; the monkey runs on its own.
 */
final class ChaosMonkey {
    private final List<ChaosPeer> peers;
    private final long meanIntervalMillis;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    ChaosMonkey(List<ChaosPeer> peers, long meanIntervalMillis) {
        this.peers = List.copyOf(peers);
        this.meanIntervalMillis = meanIntervalMillis;
        this.thread = new Thread(this::run, "soak-chaos-monkey");
    }

    void start() {
        thread.start();
    }

    /** Stops killing and waits for a restart in progress to finish; rethrows what made a restart fail. */
    void stop() throws InterruptedException {
        stopped.countDown();
        thread.join(TimeUnit.MINUTES.toMillis(1));
        Throwable failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("a chaos peer could not be restarted: " + failed.getMessage(), failed);
        }
    }

    int restarts() {
        return peers.stream().mapToInt(ChaosPeer::restarts).sum();
    }

    private void run() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            long pause = random.nextLong(meanIntervalMillis / 2, meanIntervalMillis * 3 / 2 + 1);
            while (!stopped.await(pause, TimeUnit.MILLISECONDS)) {
                peers.get(random.nextInt(peers.size())).restart();
                pause = random.nextLong(meanIntervalMillis / 2, meanIntervalMillis * 3 / 2 + 1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.set(e);
        }
    }
}
