package dev.zmq4j.sample;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Node script of {@code src/test/node} to its end, within a bound, keeping what it printed: the JavaScript
 * tests' way of driving zws.js and a headless browser. Node is looked up on the PATH; a test that needs it skips
 * when {@link #nodeVersion()} finds none.
 */
final class NodeScript {
    static final Path DIRECTORY = Path.of("src/test/node");

    private NodeScript() {}

    /** What a run printed, and how it ended: exit status -1 when it was killed for running too long. */
    record Result(int exitStatus, String output, String errors) {
        String describe() {
            return "exit status " + exitStatus + "\n--- stdout\n" + output + "\n--- stderr\n" + errors;
        }
    }

    /** {@code v20.20.2}, or null when there is no node on the PATH. */
    static String nodeVersion() {
        try {
            Result result = run(Duration.ofSeconds(20), "--version");
            return result.exitStatus() == 0 ? result.output().strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Runs {@code node <arguments>} in {@link #DIRECTORY}; killed when it runs past {@code limit}. */
    static Result run(Duration limit, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("node"));
        command.addAll(List.of(arguments));
        File output = File.createTempFile("node-", ".out");
        File errors = File.createTempFile("node-", ".err");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(DIRECTORY.toFile())
                    .redirectOutput(output)
                    .redirectError(errors)
                    .start();
            int status;
            try {
                status = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = -1;
            } finally {
                process.destroyForcibly();
            }
            return new Result(status, read(output), read(errors));
        } finally {
            Files.deleteIfExists(output.toPath());
            Files.deleteIfExists(errors.toPath());
        }
    }

    private static String read(File file) throws IOException {
        return Files.readString(file.toPath(), StandardCharsets.UTF_8);
    }
}
