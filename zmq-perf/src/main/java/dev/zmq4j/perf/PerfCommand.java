package dev.zmq4j.perf;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The command line shared by the zmq4j and JeroMQ perf tools: {@code <tool> <args>}, parsed and dispatched to a
 * {@link PerfTool}. Like libzmq's tools it prints everything, errors included, on standard output. Exit codes:
 * 0 on success, {@value #EXIT_USAGE} for a wrong tool or arguments (with the usage), {@value #EXIT_FAILURE} when the
 * run fails (libzmq's {@code return -1}).
 */
public final class PerfCommand {
    public static final int EXIT_USAGE = 1;
    public static final int EXIT_FAILURE = 255;

    private PerfCommand() {}

    /**
     * Runs the tool named by {@code args[0]} with the rest of {@code args}, printing to {@code out}.
     *
     * @param launcher how the tools are started, for the usage message (e.g. {@code java -jar zmq-perf.jar})
     * @param library makes a context of the library measured, once per tool run
     * @return the exit code
     */
    public static int run(String launcher, Supplier<PerfContext> library, String[] args, PrintStream out) {
        Optional<PerfTool> tool = args.length == 0 ? Optional.empty() : PerfTool.named(args[0]);
        if (tool.isEmpty()) {
            if (args.length > 0) {
                out.println("unknown tool '" + args[0] + "'");
            }
            printUsage(launcher, out);
            return EXIT_USAGE;
        }
        ToolArguments parsed;
        try {
            parsed = parse(tool.get(), Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println("usage: " + tool.get().usage());
            return EXIT_USAGE;
        }
        try {
            tool.get().run(library, parsed, out);
            return 0;
        } catch (WrongMessageSize e) {
            out.println(e.getMessage());
            return EXIT_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("error in " + tool.get().toolName() + ": interrupted");
            return EXIT_FAILURE;
        } catch (RuntimeException e) {
            out.println("error in " + tool.get().toolName() + ": " + e);
            return EXIT_FAILURE;
        } finally {
            out.flush();
        }
    }

    static void printUsage(String launcher, PrintStream out) {
        out.println("usage: " + launcher + " <tool> <args>");
        out.println("tools:");
        for (PerfTool tool : PerfTool.values()) {
            out.println("  " + tool.usage());
        }
    }

    private static ToolArguments parse(PerfTool tool, String[] args) {
        String[] names = tool.parameterNames();
        if (args.length != names.length) {
            throw new IllegalArgumentException(
                    tool.toolName() + " takes " + names.length + " arguments, not " + args.length);
        }
        int next = 0;
        String endpoint = tool.takesEndpoint() ? args[next++] : null;
        int size = number(names[next], args[next++], tool.minimumSize());
        int count = number(names[next], args[next++], 1);
        int sockets = next < names.length ? number(names[next], args[next++], 1) : 0;
        int window = next < names.length ? number(names[next], args[next], 1) : 0;
        return new ToolArguments(endpoint, size, count, sockets, window);
    }

    private static int number(String name, String text, int min) {
        try {
            int value = Integer.parseInt(text);
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range allowed
        }
        throw new IllegalArgumentException(
                name + " must be a whole number from " + min + " to " + Integer.MAX_VALUE + ", not '" + text + "'");
    }
}
