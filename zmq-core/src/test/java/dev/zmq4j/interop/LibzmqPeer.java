package dev.zmq4j.interop;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A libzmq peer: a {@code /usr/bin/python3} process (Debian's python3-zmq) running one of the scripts in
 * {@code src/test/python}, usually {@code zmq_peer.py}.
 *
 * <p>The script announces itself with one stdout line ({@code ENDPOINT tcp://127.0.0.1:port} after a bind,
 * {@code READY} after a connect), ends with {@code DONE ...} and exit status 0, and writes failures to stderr
 * with a non-zero status. Every wait here is bounded and its failure message carries the peer's stdout and
 * stderr. {@link #close()} kills the process if it is still running; the scripts also end on their own
 * (timeouts on every receive and a hard limit on the run), so nothing outlives the test JVM for long.
 *
 * <p>Not thread-safe: one test thread drives a peer.
 */
public final class LibzmqPeer implements InteropPeer {
    /** Debian's interpreter: the one with pyzmq installed, whatever {@code python3} on PATH is. */
    public static final String PYTHON = "/usr/bin/python3";

    /** The default bound on every wait for the peer. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

    private static final String END_OF_OUTPUT = "\u0000end-of-stdout";
    private static volatile boolean pyzmqChecked;

    private final String description;
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> stdoutSeen = new ArrayList<>();
    private final StringBuffer stderr = new StringBuffer();
    private final Thread stdoutReader;
    private final Thread stderrReader;
    private String endpoint;
    private boolean stdoutEnded;

    private LibzmqPeer(String description, Process process) {
        this.description = description;
        this.process = process;
        this.stdoutReader = daemon(
                "stdout of " + description,
                () -> pump(process.getInputStream(), lines::add, () -> lines.add(END_OF_OUTPUT)));
        this.stderrReader = daemon(
                "stderr of " + description,
                () -> pump(process.getErrorStream(), line -> stderr.append(line).append('\n'), () -> {}));
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
        try {
            Process process = new ProcessBuilder(command).start();
            return new LibzmqPeer(description, process);
        } catch (IOException e) {
            throw new AssertionError("cannot start " + description + ": " + e.getMessage(), e);
        }
    }

    /** Starts {@code zmq_peer.py ROLE bind tcp://127.0.0.1:* args...} and waits for its endpoint. */
    public static LibzmqPeer bound(String role, String... extraArgs) {
        return boundAt(role, "tcp://127.0.0.1:*", extraArgs);
    }

    /** Starts {@code zmq_peer.py ROLE bind ENDPOINT args...} and waits for its resolved endpoint. */
    public static LibzmqPeer boundAt(String role, String bindEndpoint, String... extraArgs) {
        LibzmqPeer peer = start("zmq_peer.py", concat(role, "bind", bindEndpoint, extraArgs));
        try {
            peer.endpoint = peer.awaitLine("ENDPOINT", DEFAULT_WAIT);
        } catch (RuntimeException | AssertionError e) {
            peer.close();
            throw e;
        }
        return peer;
    }

    /** Starts {@code zmq_peer.py ROLE connect ENDPOINT args...} and waits until it has connected. */
    public static LibzmqPeer connected(String role, String endpoint, String... extraArgs) {
        LibzmqPeer peer = start("zmq_peer.py", concat(role, "connect", endpoint, extraArgs));
        try {
            peer.awaitLine("READY", DEFAULT_WAIT);
        } catch (RuntimeException | AssertionError e) {
            peer.close();
            throw e;
        }
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

    /** The endpoint the peer bound (resolved, with its real port); only for peers started with bind. */
    @Override
    public String endpoint() {
        if (endpoint == null) {
            fail(description + " did not bind, it has no endpoint");
        }
        return endpoint;
    }

    /**
     * Waits up to {@code timeout} for a stdout line starting with {@code prefix} and returns the rest of it
     * (trimmed). Lines with other prefixes are skipped. Fails at once if the process ends first.
     */
    public String awaitLine(String prefix, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line;
            if (stdoutEnded) {
                line = END_OF_OUTPUT;
            } else {
                try {
                    line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for " + prefix + " from " + description);
                }
            }
            if (line == null) {
                throw new AssertionError("no `" + prefix + "` line from " + description + " within "
                        + timeout.toMillis() + " ms" + diagnostics());
            }
            if (line.equals(END_OF_OUTPUT)) {
                stdoutEnded = true;
                waitQuietly(Duration.ofSeconds(2));
                throw new AssertionError(description + " ended before printing `" + prefix + "`" + diagnostics());
            }
            stdoutSeen.add(line);
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).trim();
            }
        }
    }

    /** Returns the next stdout line starting with {@code prefix} if one arrives within {@code timeout}, else null. */
    public String pollLine(String prefix, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!stdoutEnded) {
            String line;
            try {
                line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            if (line == null) {
                return null;
            }
            if (line.equals(END_OF_OUTPUT)) {
                stdoutEnded = true;
                return null;
            }
            stdoutSeen.add(line);
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).trim();
            }
        }
        return null;
    }

    /** Writes one line to the peer's stdin (for {@code push-stdin}). */
    public void sendLine(String line) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new AssertionError("cannot write to " + description + ": " + e.getMessage() + diagnostics(), e);
        }
    }

    /** Waits up to {@code timeout} for the process to end and returns its exit status. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(
                        description + " still running after " + timeout.toMillis() + " ms" + diagnostics());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + description + " to end");
        }
        joinReaders();
        return process.exitValue();
    }

    /** Waits for the peer to end with status 0 after printing {@code DONE}. */
    @Override
    public void awaitSuccess() {
        awaitSuccess(DEFAULT_WAIT);
    }

    public void awaitSuccess(Duration timeout) {
        awaitLine("DONE", timeout);
        int status = awaitExit(timeout);
        if (status != 0) {
            throw new AssertionError(description + " printed DONE but exited with " + status + diagnostics());
        }
    }

    /** The peer's stdout lines read so far and all its stderr, for failure messages. */
    /**
     * Suspends (SIGSTOP) or resumes (SIGCONT) the peer's process: a suspended peer keeps its TCP connections open
     * (the kernel still acknowledges) but answers nothing, the silent peer heartbeats exist to detect.
     */
    public void suspend(boolean suspended) {
        try {
            Process kill = new ProcessBuilder("kill", suspended ? "-STOP" : "-CONT", Long.toString(process.pid()))
                    .inheritIO()
                    .start();
            if (!kill.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("could not " + (suspended ? "suspend " : "resume ") + description);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while signalling " + description);
        }
    }

    @Override
    public String diagnostics() {
        String status = process.isAlive() ? "running" : "exit status " + process.exitValue();
        return "\n  [" + description + ", " + status + "]\n  stdout: " + stdoutSeen + "\n  stderr: "
                + (stderr.length() == 0 ? "(empty)" : stderr.toString().trim());
    }

    @Override
    public String toString() {
        return description;
    }

    /** Kills the process if it is still running. Idempotent. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the process may be gone already
        }
        if (process.isAlive()) {
            process.destroy();
            if (!waitQuietly(Duration.ofSeconds(2))) {
                process.destroyForcibly();
                waitQuietly(Duration.ofSeconds(2));
            }
        }
        joinReaders();
    }

    private boolean waitQuietly(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void joinReaders() {
        try {
            stdoutReader.join(2000);
            stderrReader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pump(InputStream stream, Consumer<String> sink, Runnable atEnd) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                sink.accept(line);
            }
        } catch (IOException e) {
            sink.accept("(reading failed: " + e.getMessage() + ")");
        } finally {
            atEnd.run();
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, "test-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
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
