package dev.zmq4j.perf;

import java.io.PrintStream;
import java.util.Optional;
import java.util.function.Supplier;

/** The six perf tools, with libzmq's names and command lines. */
enum PerfTool {
    LOCAL_THR("local_thr", "<bind-to> <message-size> <message-count>", LocalThroughput::run),
    REMOTE_THR("remote_thr", "<connect-to> <message-size> <message-count>", RemoteThroughput::run),
    LOCAL_LAT("local_lat", "<bind-to> <message-size> <roundtrip-count>", LocalLatency::run),
    REMOTE_LAT("remote_lat", "<connect-to> <message-size> <roundtrip-count>", RemoteLatency::run),
    INPROC_THR("inproc_thr", "<message-size> <message-count>", InprocThroughput::run),
    INPROC_LAT("inproc_lat", "<message-size> <roundtrip-count>", InprocLatency::run);

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

    /** The name of the last parameter, for error messages: {@code message-count} or {@code roundtrip-count}. */
    String countName() {
        return parameters.substring(parameters.lastIndexOf('<') + 1, parameters.length() - 1);
    }

    void run(Supplier<PerfContext> library, ToolArguments args, PrintStream out) throws InterruptedException {
        body.run(library, args, out);
    }
}
