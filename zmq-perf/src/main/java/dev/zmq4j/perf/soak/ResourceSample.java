package dev.zmq4j.perf.soak;

import java.io.File;
import java.lang.management.ManagementFactory;

/**
 * What the soaking process holds at one moment: heap in use, live threads, open file descriptors (Linux's
 * {@code /proc/self/fd}; -1 elsewhere), and how many chaos restarts had happened.
 */
record ResourceSample(long elapsedSeconds, long heapUsedBytes, int threads, int descriptors, int restarts) {
    static ResourceSample now(long elapsedSeconds, int restarts) {
        String[] fds = new File("/proc/self/fd").list();
        return new ResourceSample(
                elapsedSeconds,
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                ManagementFactory.getThreadMXBean().getThreadCount(),
                fds == null ? -1 : fds.length,
                restarts);
    }

    /** The same after full collections, so that the heap figure is what is really kept alive. */
    static ResourceSample settled(long elapsedSeconds, int restarts) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return now(elapsedSeconds, restarts);
    }
}
