package dev.zmq4j.interop;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A libzmq peer: a {@code /usr/bin/python3} process (Debian's python3-zmq) running one of the scripts in
 * {@code src/test/python}, usually {@code zmq_peer.py}, driven through {@link PeerProcess} (whose class comment
 * gives the stdout protocol and the bounds on every wait).
 *
 * <p>Not thread-safe: one test thread drives a peer.
 */
public final class LibzmqPeer implements InteropPeer {
    /** Debian's interpreter: the one with pyzmq installed, whatever {@code python3} on PATH is. */
    public static final String PYTHON = "/usr/bin/python3";

    /** The default bound on every wait for the peer. */
    public static final Duration DEFAULT_WAIT = PeerProcess.DEFAULT_WAIT;

    private static volatile boolean pyzmqChecked;

    private final PeerProcess process;

    private LibzmqPeer(PeerProcess process) {
        this.process = process;
    }

    /**
     * Starts {@code src/test/python/<script>} with {@code args}. Fails the test (never skips it) when
     * python3-zmq is missing.
     */
    public static LibzmqPeer start(String script, String... args) {
        requirePyzmq();
        Path path = scriptPath(script);
        List<String> command = new ArrayList<>(List.of(PYTHON, "-u", path.toString()));
        command.addAll(List.of(args));
        String description = "libzmq peer `" + String.join(" ", command.subList(2, command.size())) + "`";
        return new LibzmqPeer(PeerProcess.start(description, command));
    }

    /** Starts {@code zmq_peer.py ROLE bind tcp://127.0.0.1:* args...} and waits for its endpoint. */
    public static LibzmqPeer bound(String role, String... extraArgs) {
        return boundAt(role, "tcp://127.0.0.1:*", extraArgs);
    }

    /** Starts {@code zmq_peer.py ROLE bind ENDPOINT args...} and waits for its resolved endpoint. */
    public static LibzmqPeer boundAt(String role, String bindEndpoint, String... extraArgs) {
        LibzmqPeer peer = start("zmq_peer.py", concat(role, "bind", bindEndpoint, extraArgs));
        peer.process.awaitEndpoint();
        return peer;
    }

    /** Starts {@code zmq_peer.py ROLE connect ENDPOINT args...} and waits until it has connected. */
    public static LibzmqPeer connected(String role, String endpoint, String... extraArgs) {
        LibzmqPeer peer = start("zmq_peer.py", concat(role, "connect", endpoint, extraArgs));
        peer.process.awaitReady();
        return peer;
    }

    /**
     * Fails the test with installation advice unless {@code /usr/bin/python3 -c 'import zmq'} works. Checked
     * once per JVM.
     */
    public static void requirePyzmq() {
        if (pyzmqChecked) {
            return;
        }
        String advice = "libzmq interop tests need Debian's python3-zmq driven by " + PYTHON
                + ": install it with `apt-get install python3-zmq` (.ci/run does this)";
        try {
            Process check = new ProcessBuilder(PYTHON, "-c", "import zmq; print(zmq.zmq_version())")
                    .redirectErrorStream(true)
                    .start();
            if (!check.waitFor(30, TimeUnit.SECONDS)) {
                check.destroyForcibly();
                fail(advice + " (`" + PYTHON + " -c 'import zmq'` did not finish in 30 s)");
            }
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (check.exitValue() != 0) {
                fail(advice + " (`" + PYTHON + " -c 'import zmq'` said: " + output + ")");
            }
        } catch (IOException e) {
            fail(advice + " (cannot run " + PYTHON + ": " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while checking for python3-zmq");
        }
        pyzmqChecked = true;
    }

    /** The process behind this peer, for {@link ScriptedPeer}. */
    PeerProcess process() {
        return process;
    }

    /** The endpoint the peer bound (resolved, with its real port); only for peers started with bind. */
    @Override
    public String endpoint() {
        return process.endpoint();
    }

    /** See {@link PeerProcess#awaitLine}. */
    public String awaitLine(String prefix, Duration timeout) {
        return process.awaitLine(prefix, timeout);
    }

    /** See {@link PeerProcess#pollLine}. */
    public String pollLine(String prefix, Duration timeout) {
        return process.pollLine(prefix, timeout);
    }

    /** Writes one line to the peer's stdin (for {@code push-stdin}). */
    public void sendLine(String line) {
        process.sendLine(line);
    }

    /** Waits up to {@code timeout} for the process to end and returns its exit status. */
    public int awaitExit(Duration timeout) {
        return process.awaitExit(timeout);
    }

    /** Waits for the peer to end with status 0 after printing {@code DONE}. */
    @Override
    public void awaitSuccess() {
        process.awaitSuccess();
    }

    public void awaitSuccess(Duration timeout) {
        process.awaitSuccess(timeout);
    }

    /** See {@link PeerProcess#suspend}. */
    public void suspend(boolean suspended) {
        process.suspend(suspended);
    }

    @Override
    public String diagnostics() {
        return process.diagnostics();
    }

    @Override
    public String toString() {
        return process.toString();
    }

    /** Kills the process if it is still running. Idempotent. */
    @Override
    public void close() {
        process.close();
    }

    private static Path scriptPath(String script) {
        // Surefire runs with the module directory as working directory; an IDE may use the project root.
        for (Path candidate :
                List.of(Path.of("src/test/python", script), Path.of("zmq-core/src/test/python", script))) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new AssertionError("cannot find src/test/python/" + script + " from working directory "
                + Path.of("").toAbsolutePath());
    }

    private static String[] concat(String role, String mode, String endpoint, String... extra) {
        String[] all = new String[3 + extra.length];
        all[0] = role;
        all[1] = mode;
        all[2] = endpoint;
        System.arraycopy(extra, 0, all, 3, extra.length);
        return all;
    }
}
