package dev.zmq4j.perf.soak;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One run of {@code soak_peer.py} under Debian's libzmq (pyzmq through {@code /usr/bin/python3}): started, told to
 * stop, or killed with SIGKILL. Its stdout lines are read by a daemon thread so that waiting for one is bounded.
 *
 * <p>Thread rule: one thread drives an instance; a chaos peer's owner hands it over with a happens-before.
 */
final class LibzmqPeer {
    private static final String PYTHON = "/usr/bin/python3";
    private static final long READY_SECONDS = 30;
    private static final long RESULT_SECONDS = 40;
    private static final Path SCRIPT = extractScript();

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final String description;

    private LibzmqPeer(List<String> command, String description) throws IOException {
        this.description = description;
        process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        reader = new Thread(() -> readLines(process.getInputStream()), "soak-peer-stdout " + description);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code role} on {@code endpoint} and waits until it is connected (or bound). */
    static LibzmqPeer start(String role, String endpoint, String name, int rate) {
        String description = "libzmq " + role + " " + name + " " + endpoint;
        try {
            LibzmqPeer peer = new LibzmqPeer(
                    List.of(PYTHON, SCRIPT.toString(), role, endpoint, name, Integer.toString(rate)), description);
            String first = peer.nextLine(READY_SECONDS);
            if (!"ready".equals(first)) {
                peer.kill();
                throw new IllegalStateException(description + " did not start: " + first);
            }
            return peer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + description + " with " + PYTHON, e);
        }
    }

    /** SIGKILL, as a crash or an OOM killer would: no flush, no goodbye; returns once the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(READY_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException(description + " survived SIGKILL");
            }
            reader.join(TimeUnit.SECONDS.toMillis(READY_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            process.getOutputStream().close(); // its pipe would otherwise stay open until a collection
        } catch (IOException alreadyClosed) {
            // stop() closed it
        }
    }

    /**
     * Tells the peer to stop ({@code last}: the publisher's last sequence number for a sub, else negative) and
     * returns the counts it reports; a peer that reports a failed check, or none, throws naming it.
     */
    Map<String, Long> stop(long last) {
        try (Writer stdin = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII)) {
            stdin.write(last >= 0 ? "stop " + last + "\n" : "stop\n");
        } catch (IOException e) {
            throw new IllegalStateException(description + " is gone: " + e.getMessage(), e);
        }
        String line = nextLine(RESULT_SECONDS);
        try {
            if (!process.waitFor(RESULT_SECONDS, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
        if (line == null || !line.startsWith("result ")) {
            throw new IllegalStateException(description + ": " + (line == null ? "no result" : line));
        }
        Map<String, Long> counts = new HashMap<>();
        for (String pair : line.substring("result ".length()).split(" ")) {
            int equals = pair.indexOf('=');
            counts.put(pair.substring(0, equals), Long.parseLong(pair.substring(equals + 1)));
        }
        return counts;
    }

    @Override
    public String toString() {
        return description;
    }

    private String nextLine(long seconds) {
        try {
            String line = lines.poll(seconds, TimeUnit.SECONDS);
            return line == null || line.isEmpty() ? null : line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void readLines(InputStream stdout) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.US_ASCII))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException ended) {
            // The process was killed; whoever waits for a line sees none.
        }
        lines.add("");
    }

    private static Path extractScript() {
        try (InputStream script = LibzmqPeer.class.getResourceAsStream("soak_peer.py")) {
            if (script == null) {
                throw new IllegalStateException("soak_peer.py is missing from the classpath");
            }
            Path file = Files.createTempFile("zmq4j-soak-peer", ".py");
            file.toFile().deleteOnExit();
            Files.copy(script, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract soak_peer.py", e);
        }
    }
}
