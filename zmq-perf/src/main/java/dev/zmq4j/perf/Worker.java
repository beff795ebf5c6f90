package dev.zmq4j.perf;

import java.io.PrintStream;

/**
 * The second thread of the inproc tools. libzmq's tools end the process when their worker fails, since the main
 * thread would otherwise block for ever on a message that will never come; this does the same.
 */
final class Worker {
    private final Thread thread;

    private Worker(Thread thread) {
        this.thread = thread;
    }

    static Worker start(String name, PrintStream out, Runnable body) {
        Thread thread = new Thread(
                () -> {
                    try {
                        body.run();
                    } catch (RuntimeException | Error e) {
                        out.println("error in " + name + ": " + e.getMessage());
                        out.flush();
                        Runtime.getRuntime().halt(PerfCommand.EXIT_FAILURE);
                    }
                },
                name);
        thread.start();
        return new Worker(thread);
    }

    void join() throws InterruptedException {
        thread.join();
    }
}
