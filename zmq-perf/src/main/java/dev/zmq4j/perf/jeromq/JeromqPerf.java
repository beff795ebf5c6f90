package dev.zmq4j.perf.jeromq;

import dev.zmq4j.perf.PerfCommand;

/**
 * The perf tools on JeroMQ 0.6.0, to measure zmq4j against:
 * {@code java -cp zmq-perf.jar dev.zmq4j.perf.jeromq.JeromqPerf <tool> <args>}, same tools and output as
 * {@link dev.zmq4j.perf.PerfMain}.
 */
public final class JeromqPerf {
    private JeromqPerf() {}

    public static void main(String[] args) {
        System.exit(PerfCommand.run(
                "java -cp zmq-perf.jar dev.zmq4j.perf.jeromq.JeromqPerf", JeromqContext::new, args, System.out));
    }
}
