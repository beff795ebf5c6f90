package dev.zmq4j.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A listener in a process that has run out of file descriptors (EMFILE). The process is a child JVM started under
 * {@code ulimit -n}, so that this JVM keeps its own descriptors; this test fills the child's table with idle
 * connections. A listener that kept OP_ACCEPT registered would spin on the pending connection, logging a warning
 * and raising ACCEPT_FAILED thousands of times a second; this one pauses, warns once, and accepts again by itself
 * once descriptors are free. A connect made by the starved process fails for want of a descriptor too, and is
 * retried until it works.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DescriptorExhaustionTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final int DESCRIPTOR_LIMIT = 256;
    /** Long enough for a spinning listener to fail thousands of times, short enough to keep the suite fast. */
    private static final long EPISODE_MILLIS = 1500;

    private final List<SocketChannel> idle = new ArrayList<>();
    private final BlockingQueue<String> childOut = new LinkedBlockingQueue<>();
    private final List<String> childErr = new CopyOnWriteArrayList<>();

    @TempDir
    Path jarDirectory;

    private Process child;
    private PrintWriter toChild;

    @AfterEach
    void stop() throws Exception {
        closeIdleConnections();
        if (child != null) {
            child.getOutputStream().close();
            if (!child.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                child.destroyForcibly();
            }
        }
    }

    @Test
    void shouldPauseAcceptingWarnOnceAndRecoverWhenOutOfDescriptors() throws Exception {
        String endpoint = startChild();
        int[] stats = stats();
        int acceptedBefore = stats[0];

        // Fill the child's descriptor table with connections that never speak, until its accepts fail.
        while (stats[1] == 0) {
            assertThat(idle.size())
                    .as("connections opened without the child running out of descriptors; child stats %s", stats)
                    .isLessThan(4 * DESCRIPTOR_LIMIT);
            for (int i = 0; i < 16; i++) {
                idle.add(SocketChannel.open(address(endpoint)));
            }
            stats = awaitAccepts(acceptedBefore + idle.size());
        }

        try (Context context = Context.create(1);
                Socket pull = context.socket(SocketType.PULL);
                Socket dealer = context.socket(SocketType.DEALER)) {
            pull.set(SocketOption.LINGER, 0);
            pull.set(SocketOption.RCVTIMEO, (int) LIMIT.toMillis());
            pull.bind("tcp://127.0.0.1:*");
            command("push " + pull.lastEndpoint());
            assertThat(await("the child's answer to push")).isEqualTo("pushed");

            Thread.sleep(EPISODE_MILLIS); // a measurement window, not synchronisation
            int failed = stats()[1];
            assertThat(failed)
                    .as(
                            "accepts attempted while out of descriptors for %d ms (a spinning listener makes thousands)",
                            EPISODE_MILLIS)
                    .isBetween(1, 50);
            assertThat(warnings())
                    .as("warnings about failing accepts in one episode; child stderr:%n%s", String.join("\n", childErr))
                    .hasSize(1);

            closeIdleConnections();
            dealer.set(SocketOption.LINGER, 0);
            dealer.set(SocketOption.RCVTIMEO, (int) LIMIT.toMillis());
            dealer.connect(endpoint);
            dealer.send("echo me");
            assertThat(dealer.recvString())
                    .as("the echo once descriptors are free again; child stderr:%n%s", String.join("\n", childErr))
                    .isEqualTo("echo me");
            assertThat(pull.recvString())
                    .as("the starved process's own connect, retried until it worked")
                    .isEqualTo("from the starved process");
        }
        assertThat(childErr).anyMatch(line -> line.contains("again after"));
    }

    private List<String> warnings() {
        return childErr.stream()
                .filter(line -> line.startsWith("WARNING:") && line.contains("accept on"))
                .toList();
    }

    private String startChild() throws IOException, InterruptedException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        // The limit applies to the child only: bash lowers it, then becomes the child JVM.
        ProcessBuilder builder = new ProcessBuilder(
                "bash",
                "-c",
                "ulimit -n " + DESCRIPTOR_LIMIT + " && exec \"$0\" -Xmx64m -cp \"$1\" \"$2\"",
                java,
                classesAsJar().toString(),
                DescriptorStarvedListener.class.getName());
        child = builder.start();
        toChild = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8);
        drain(new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)), childOut::add);
        drain(new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8)), childErr::add);
        String first = await("the child's endpoint");
        assertThat(first).startsWith("endpoint ");
        return first.substring("endpoint ".length());
    }

    /**
     * The project's classes as one jar, as a deployed application has them. Loaded from directories, every class
     * the starved child first uses would need a descriptor of its own (and fail with NoClassDefFoundError), which
     * tests the class loader rather than the listener. The child needs nothing but the JDK and these classes.
     */
    private Path classesAsJar() throws IOException {
        Path jar = jarDirectory.resolve("zmq4j-under-test.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String root : new String[] {"target/classes", "target/test-classes"}) {
                Path base = Paths.get(root).toAbsolutePath();
                try (Stream<Path> files = Files.walk(base)) {
                    for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                        String name = base.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                        if (name.endsWith(".class")) {
                            out.putNextEntry(new JarEntry(name));
                            Files.copy(file, out);
                            out.closeEntry();
                        }
                    }
                }
            }
        }
        return jar;
    }

    private static void drain(BufferedReader reader, java.util.function.Consumer<String> sink) {
        Thread thread = new Thread(
                () -> {
                    try (reader) {
                        String line;
                        while ((line = reader.readLine()) != null) {
                            sink.accept(line);
                        }
                    } catch (IOException e) {
                        // the child is gone
                    }
                },
                "child-output");
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks for stats until the child has seen {@code connections} accepted or failed accepts; bounded. */
    private int[] awaitAccepts(int connections) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        int[] stats = stats();
        while (stats[0] < connections && stats[1] == 0) {
            assertThat(System.nanoTime() < deadline)
                    .as(
                            "the child to accept %d connections; it has %d; stderr:%n%s",
                            connections, stats[0], String.join("\n", childErr))
                    .isTrue();
            Thread.onSpinWait();
            stats = stats();
        }
        return stats;
    }

    /** accepted, accept failures, open descriptors. */
    private int[] stats() throws InterruptedException {
        command("stats");
        String[] parts = await("stats").split(" ");
        return new int[] {Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), Integer.parseInt(parts[3])};
    }

    private void command(String line) {
        toChild.println(line);
    }

    private String await(String what) throws InterruptedException {
        String line = childOut.poll(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("no " + what + " from the child within " + LIMIT + "; alive " + child.isAlive()
                    + (child.isAlive() ? "" : ", exit code " + child.exitValue())
                    + ", stderr:\n" + String.join("\n", childErr));
        }
        return line;
    }

    private void closeIdleConnections() throws IOException {
        for (SocketChannel channel : idle) {
            channel.close();
        }
        idle.clear();
    }

    private static InetSocketAddress address(String endpoint) {
        URI uri = URI.create(endpoint);
        return new InetSocketAddress(uri.getHost(), uri.getPort());
    }
}
