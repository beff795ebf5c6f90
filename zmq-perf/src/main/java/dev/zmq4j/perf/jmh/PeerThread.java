package dev.zmq4j.perf.jmh;

import java.util.concurrent.TimeUnit;

/**
 * The other end of a socket benchmark (an echo server, a draining receiver) on a thread of its own. The loop ends
 * when its socket fails because the benchmark closed the context; {@link #stop} closes it and joins the thread, so
 * no benchmark leaves a thread behind to hang the forked JVM.
 *
 * <p>Started and stopped by the thread that runs the benchmark's setup and tear-down.
 */
final class PeerThread {
    /** The peer's loop: runs until its socket reports that the context was closed, then returns normally. */
    @FunctionalInterface
    interface Loop {
        void run() throws Exception;
    }

    private static final long JOIN_TIMEOUT_MILLIS = TimeUnit.SECONDS.toMillis(10);

    private final Thread thread;
    private volatile Throwable failure;

    private PeerThread(String name, Loop loop) {
        thread = new Thread(
                () -> {
                    try {
                        loop.run();
                    } catch (Throwable e) {
                        failure = e;
                    }
                },
                name);
        thread.setDaemon(true);
    }

    static PeerThread start(String name, Loop loop) {
        PeerThread peer = new PeerThread(name, loop);
        peer.thread.start();
        return peer;
    }

    /**
     * Runs {@code closeContext} (which must make the loop's blocking call fail), waits for the loop to end, and
     * reports a loop that failed for any other reason or did not end.
     */
    void stop(Runnable closeContext) {
        closeContext.run();
        try {
            thread.join(JOIN_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping " + thread.getName(), e);
        }
        if (thread.isAlive()) {
            throw new IllegalStateException(thread.getName() + " did not stop within " + JOIN_TIMEOUT_MILLIS + " ms");
        }
        if (failure != null) {
            throw new IllegalStateException(thread.getName() + " failed", failure);
        }
    }
}
