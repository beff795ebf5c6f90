package dev.zmq4j.perf.soak;

/**
 * Counts the numbered messages one subscriber receives: how many, the first and last number, and the gaps after
 * the first (a subscriber that joins late misses what came before, which is no loss).
 *
 * <p>Thread rule: {@link #saw} from one thread; the accessors from any (they read volatile fields).
 */
final class GapCounter {
    private volatile long received;
    private volatile long first = -1;
    private volatile long last = -1;
    private volatile long gaps;
    private volatile long missing;

    void saw(long seq) {
        if (last >= 0 && seq != last + 1) {
            gaps++;
            missing += Math.max(seq - last - 1, 0);
        }
        if (first < 0) {
            first = seq;
        }
        last = seq;
        received++;
    }

    long received() {
        return received;
    }

    long first() {
        return first;
    }

    long last() {
        return last;
    }

    long gaps() {
        return gaps;
    }

    long missing() {
        return missing;
    }
}
