package dev.zmq4j.perf;

import java.io.PrintStream;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The perf tools: libzmq's six, with libzmq's names and command lines, and two workload pairs in the same shape
 * (the bound side {@code local_*}, the connecting side {@code remote_*}, which prints the figures): fan-out, one XPUB
 * to many SUBs, and many peers, one ROUTER echoing for many DEALERs; and, on the draft types (zmq4j only), the latency
 * pair again, {@code server_lat} (SERVER) and {@code client_lat} (CLIENT), and throughput over udp, {@code dish_thr}
 * (DISH) and {@code radio_thr} (RADIO).
 */
enum PerfTool {
    LOCAL_THR("local_thr", "<bind-to> <message-size> <message-count>", LocalThroughput::run),
    REMOTE_THR("remote_thr", "<connect-to> <message-size> <message-count>", RemoteThroughput::run),
    LOCAL_LAT(
            "local_lat",
            "<bind-to> <message-size> <roundtrip-count>",
            (library, args, out) -> LocalLatency.run(library, args, PerfContext.Role.REP)),
    REMOTE_LAT(
            "remote_lat",
            "<connect-to> <message-size> <roundtrip-count>",
            (library, args, out) -> RemoteLatency.run(library, args, out, PerfContext.Role.REQ)),
    INPROC_THR("inproc_thr", "<message-size> <message-count>", InprocThroughput::run),
    INPROC_LAT("inproc_lat", "<message-size> <roundtrip-count>", InprocLatency::run),
    LOCAL_FANOUT("local_fanout", "<bind-to> <message-size> <message-count> <subscribers>", FanoutPublisher::run),
    REMOTE_FANOUT("remote_fanout", "<connect-to> <message-size> <message-count> <subscribers>", FanoutSubscribers::run),
    LOCAL_PEERS("local_peers", "<bind-to> <message-size> <roundtrip-count> <clients>", PeersServer::run),
    REMOTE_PEERS("remote_peers", "<connect-to> <message-size> <roundtrip-count> <clients> <window>", PeersClients::run),
    SERVER_LAT(
            "server_lat",
            "<bind-to> <message-size> <roundtrip-count>",
            (library, args, out) -> LocalLatency.run(library, args, PerfContext.Role.SERVER)),
    CLIENT_LAT(
            "client_lat",
            "<connect-to> <message-size> <roundtrip-count>",
            (library, args, out) -> RemoteLatency.run(library, args, out, PerfContext.Role.CLIENT)),
    DISH_THR("dish_thr", "<bind-to> <message-size> <message-count>", DishThroughput::run),
    RADIO_THR("radio_thr", "<connect-to> <message-size> <message-count>", RadioThroughput::run);

    /** A tool's body: runs it against one library and prints its report to {@code out}. */
    @FunctionalInterface
    interface Body {
        void run(Supplier<PerfContext> library, ToolArguments args, PrintStream out) throws InterruptedException;
    }

    private final String toolName;
    private final String parameters;
    private final Body body;

    PerfTool(String toolName, String parameters, Body body) {
        this.toolName = toolName;
        this.parameters = parameters;
        this.body = body;
    }

    static Optional<PerfTool> named(String name) {
        for (PerfTool tool : values()) {
            if (tool.toolName.equals(name)) {
                return Optional.of(tool);
            }
        }
        return Optional.empty();
    }

    String toolName() {
        return toolName;
    }

    /** libzmq's usage line for this tool, e.g. {@code local_thr <bind-to> <message-size> <message-count>}. */
    String usage() {
        return toolName + " " + parameters;
    }

    /** Whether the first argument is an endpoint (every tool but the inproc ones). */
    boolean takesEndpoint() {
        return parameters.startsWith("<bind-to>") || parameters.startsWith("<connect-to>");
    }

    /** The parameters' names, in order, without their angle brackets: {@code bind-to}, {@code message-size}, ... */
    String[] parameterNames() {
        return parameters.replace("<", "").replace(">", "").split(" ");
    }

    /**
     * The smallest message size the tool takes: 1 for fan-out, whose publisher ends its run with an empty message,
     * 0 for the others.
     */
    int minimumSize() {
        return this == LOCAL_FANOUT || this == REMOTE_FANOUT ? 1 : 0;
    }

    void run(Supplier<PerfContext> library, ToolArguments args, PrintStream out) throws InterruptedException {
        body.run(library, args, out);
    }
}
