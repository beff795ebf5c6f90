package dev.zmq4j.interop;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A peer in a child process that speaks the line protocol of {@code src/test/python/zmq_peer.py} on stdout
 * ({@code ENDPOINT <endpoint>} after a bind, {@code READY} after a connect, {@code DONE ...} and exit status 0 at
 * the end, failures on stderr with a non-zero status): a libzmq peer ({@link LibzmqPeer}) or a Node peer
 * ({@link NodePeer}).
 *
 * <p>Every wait here is bounded and its failure message carries the peer's stdout and stderr. {@link #close()}
 * kills the process if it is still running; the scripts also end on their own (timeouts on every receive and a
 * hard limit on the run), so nothing outlives the test JVM for long.
 *
 * <p>Not thread-safe: one test thread drives a peer.
 */
public final class PeerProcess implements InteropPeer {
    /** The default bound on every wait for the peer. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

    private static final String END_OF_OUTPUT = "\u0000end-of-stdout";

    private final String description;
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> stdoutSeen = new ArrayList<>();
    private final StringBuffer stderr = new StringBuffer();
    private final Thread stdoutReader;
    private final Thread stderrReader;
    private String endpoint;
    private boolean stdoutEnded;

    private PeerProcess(String description, Process process) {
        this.description = description;
        this.process = process;
        this.stdoutReader = daemon(
                "stdout of " + description,
                () -> pump(process.getInputStream(), lines::add, () -> lines.add(END_OF_OUTPUT)));
        this.stderrReader = daemon(
                "stderr of " + description,
                () -> pump(process.getErrorStream(), line -> stderr.append(line).append('\n'), () -> {}));
    }

    /** Starts {@code command}; {@code description} names the peer in every failure message. */
    public static PeerProcess start(String description, List<String> command) {
        try {
            return new PeerProcess(description, new ProcessBuilder(command).start());
        } catch (IOException e) {
            throw new AssertionError("cannot start " + description + ": " + e.getMessage(), e);
        }
    }

    /** Waits for the {@code ENDPOINT} line of a bound peer, or closes the peer and fails. */
    PeerProcess awaitEndpoint() {
        try {
            endpoint = awaitLine("ENDPOINT", DEFAULT_WAIT);
        } catch (RuntimeException | AssertionError e) {
            close();
            throw e;
        }
        return this;
    }

    /** Waits for the {@code READY} line of a connecting peer, or closes the peer and fails. */
    PeerProcess awaitReady() {
        try {
            awaitLine("READY", DEFAULT_WAIT);
        } catch (RuntimeException | AssertionError e) {
            close();
            throw e;
        }
        return this;
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
}
