package dev.zmq4j.spring.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A libzmq peer: {@code src/test/python/starter_peer.py} run by Debian's {@code /usr/bin/python3} (python3-zmq).
 * Every wait is bounded and its failure message carries the peer's output. Not thread-safe.
 */
final class PythonPeer implements AutoCloseable {
    private static final String SCRIPT = "src/test/python/starter_peer.py";
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    PythonPeer(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", SCRIPT));
        command.addAll(List.of(arguments));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader in = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = in.readLine()) != null) {
                            lines.add(line);
                        }
                    } catch (IOException e) {
                        lines.add("READ FAILED " + e);
                    }
                },
                "python-peer-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** The next output line, waiting at most 15 s. */
    String nextLine() throws InterruptedException {
        String line = lines.poll(15, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("the libzmq peer printed nothing in 15 s; output so far: " + seen);
        }
        seen.add(line);
        return line;
    }

    /** Waits for the script's end and returns its exit status. */
    int waitFor() throws InterruptedException {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new AssertionError("the libzmq peer did not end in 20 s; output: " + seen + lines);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
