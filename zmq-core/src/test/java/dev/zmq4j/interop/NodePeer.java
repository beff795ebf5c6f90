package dev.zmq4j.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Node peers: {@code node} running {@code src/test/node/zmq_node_peer.mjs} with one of two npm libraries, which
 * speaks the stdout protocol and plays the roles of {@code zmq_peer.py} (see {@link PeerProcess}). The script
 * ends itself after {@code --max-seconds} (30 s unless given), and {@link PeerProcess#close()} kills it sooner.
 *
 * <p>Tests using it are skipped, not failed, when {@code node} or the library is missing: the libraries are
 * installed by {@code npm ci --ignore-scripts} in {@code zmq-core/src/test/node} ({@code bin/test} does this when
 * node is present). Not thread-safe: one test thread drives a peer.
 */
public final class NodePeer {
    /** The npm libraries the script can speak through ({@code --lib}). */
    public enum Library {
        /** zeromq.js 6.8.0: a Node binding to libzmq 4.3.5 (draft API on), prebuilt. */
        ZEROMQ("zeromq"),
        /** jszmq 0.1.2: ZeroMQ in plain JavaScript over WebSocket only, speaking plain {@code ZWS2.0}. */
        JSZMQ("jszmq");

        private final String packageName;

        Library(String packageName) {
            this.packageName = packageName;
        }

        /** The npm package, also the script's {@code --lib} value. */
        public String packageName() {
            return packageName;
        }
    }

    private static final String SCRIPT = "zmq_node_peer.mjs";
    /** Whether {@code node --version} ran, once per JVM; null until checked. */
    private static volatile Boolean nodeRuns;

    private NodePeer() {}

    /**
     * Skips the calling test (JUnit assumption) unless {@code node} runs and {@code library} is installed under
     * {@code src/test/node/node_modules}.
     */
    public static void require(Library library) {
        String advice = "run `npm ci --ignore-scripts` in zmq-core/src/test/node (bin/test does when node is present)";
        if (nodeRuns == null) {
            nodeRuns = checkNode();
        }
        assumeTrue(nodeRuns, "Node interop tests need `node` on PATH, then " + advice);
        Path directory = directory();
        assumeTrue(
                directory != null
                        && Files.isRegularFile(directory
                                .resolve("node_modules")
                                .resolve(library.packageName())
                                .resolve("package.json")),
                "npm package `" + library.packageName() + "` is not installed: " + advice);
    }

    /** Starts {@code zmq_node_peer.mjs ROLE bind ENDPOINT --lib LIB options...} and waits for its endpoint. */
    public static PeerProcess bound(Library library, String role, String bindEndpoint, String... options) {
        return start(library, role, "bind", bindEndpoint, options).awaitEndpoint();
    }

    /** Starts {@code zmq_node_peer.mjs ROLE connect ENDPOINT --lib LIB options...} and waits until it connected. */
    public static PeerProcess connected(Library library, String role, String endpoint, String... options) {
        return start(library, role, "connect", endpoint, options).awaitReady();
    }

    /** A bound socket of {@code type} ({@code sub}, {@code router}, ...) driven one command at a time. */
    public static ScriptedPeer scriptedBound(Library library, String type, String bindEndpoint, String... options) {
        return new ScriptedPeer(bound(library, "script", bindEndpoint, withType(type, options)));
    }

    /** A connecting socket of {@code type} driven one command at a time. */
    public static ScriptedPeer scriptedConnected(Library library, String type, String endpoint, String... options) {
        return new ScriptedPeer(connected(library, "script", endpoint, withType(type, options)));
    }

    private static PeerProcess start(Library library, String role, String mode, String endpoint, String... options) {
        require(library);
        List<String> command = new ArrayList<>(List.of(
                "node", directory().resolve(SCRIPT).toString(), role, mode, endpoint, "--lib", library.packageName()));
        command.addAll(List.of(options));
        String description =
                library.packageName() + " peer `" + String.join(" ", command.subList(2, command.size())) + "`";
        return PeerProcess.start(description, command);
    }

    private static String[] withType(String type, String... options) {
        String[] all = new String[options.length + 2];
        all[0] = "--type";
        all[1] = type;
        System.arraycopy(options, 0, all, 2, options.length);
        return all;
    }

    private static boolean checkNode() {
        try {
            Process check = new ProcessBuilder("node", "--version")
                    .redirectErrorStream(true)
                    .start();
            if (!check.waitFor(30, TimeUnit.SECONDS)) {
                check.destroyForcibly();
                return false;
            }
            return check.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code src/test/node}: Surefire runs in the module directory, an IDE may use the project root. */
    private static Path directory() {
        for (Path candidate : List.of(Path.of("src/test/node"), Path.of("zmq-core/src/test/node"))) {
            if (Files.isRegularFile(candidate.resolve(SCRIPT))) {
                return candidate.toAbsolutePath();
            }
        }
        return null;
    }
}
