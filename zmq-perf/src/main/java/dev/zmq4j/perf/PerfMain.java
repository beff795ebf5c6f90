package dev.zmq4j.perf;

/**
 * Entry point of zmq-perf.jar: {@code java -jar zmq-perf.jar <tool> <args>} runs one of libzmq's perf tools
 * ({@code local_thr}, {@code remote_thr}, {@code local_lat}, {@code remote_lat}, {@code inproc_thr},
 * {@code inproc_lat}) on zmq4j, with libzmq's command lines and output, so either end can be paired with libzmq's;
 * and the two workloads in the same form, fan-out ({@code local_fanout}, {@code remote_fanout}) and many peers
 * ({@code local_peers}, {@code remote_peers}), which the C tools of zmq-perf run on libzmq; and CLIENT/SERVER latency
 * ({@code server_lat}, {@code client_lat}) and RADIO/DISH throughput over udp ({@code dish_thr}, {@code radio_thr}),
 * for the C tools built against libzmq's draft build.
 */
public final class PerfMain {
    private PerfMain() {}

    public static void main(String[] args) {
        System.exit(PerfCommand.run("java -jar zmq-perf.jar", Zmq4jContext::new, args, System.out));
    }
}
