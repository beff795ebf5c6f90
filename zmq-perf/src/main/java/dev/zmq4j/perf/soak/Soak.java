package dev.zmq4j.perf.soak;

import dev.zmq4j.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The soak ({@code zmq-perf/bin/soak}): req-rep, pub-sub, pipeline and reconnecting req-rep at once, over tcp
 * and ipc, in one zmq4j context, with libzmq peers among the steady ones and libzmq chaos peers killed with
 * SIGKILL and restarted all along. Reports each pattern's counts checked by its own guarantees, and heap, threads
 * and file descriptors over time; then checks that closing the context gave every thread and descriptor back.
 *
 * <p>usage: Soak [--seconds S] [--kill-every-ms MS] [--rate MSG_PER_S] [--sample-seconds S]; exits 1 when a
 * guarantee failed or something leaked. Needs {@code /usr/bin/python3} with pyzmq.
 *
 * <p>Thread rule: {@link #run} from one thread, which samples while the flows' threads and the monkey run.
 */
public final class Soak {
    /** Descriptors the JVM may open by itself meanwhile (jars, the JIT's files); a leak per restart is far more. */
    private static final int DESCRIPTOR_SLACK = 16;

    private static final long THREADS_GONE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private Soak() {}

    public static void main(String[] args) throws Exception {
        long seconds = 600;
        long killEveryMillis = 500;
        int rate = 2_000;
        long sampleSeconds = 30;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--seconds" -> seconds = Long.parseLong(args[i + 1]);
                case "--kill-every-ms" -> killEveryMillis = Long.parseLong(args[i + 1]);
                case "--rate" -> rate = Integer.parseInt(args[i + 1]);
                case "--sample-seconds" -> sampleSeconds = Long.parseLong(args[i + 1]);
                default ->
                    throw new IllegalArgumentException(
                            "unknown option " + args[i] + " (--seconds, --kill-every-ms, --rate, --sample-seconds)");
            }
        }
        SoakReport report = run(new SoakSettings(
                Duration.ofSeconds(seconds),
                Duration.ofMillis(killEveryMillis),
                rate,
                Duration.ofSeconds(sampleSeconds)));
        System.out.print(report.toMarkdown());
        System.exit(report.allFailures().isEmpty() ? 0 : 1);
    }

    static SoakReport run(SoakSettings settings) throws IOException {
        Path ipcDirectory = Files.createTempDirectory("zmq4j-soak");
        List<ResourceSample> samples = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        ResourceSample before = ResourceSample.settled(0, 0);
        samples.add(before);
        long zmqThreadsBefore = zmqThreads();
        List<Flow> flows = List.of(
                new RequestReplyFlow(),
                new PubSubFlow(settings.rate()),
                new PipelineFlow(settings.rate()),
                new ReconnectFlow());
        List<FlowResult> results = new ArrayList<>();
        int restarts = 0;
        try (Context context = Context.create(2)) {
            List<ChaosPeer> chaos = new ArrayList<>();
            for (Flow flow : flows) {
                flow.start(context, ipcDirectory);
                chaos.addAll(flow.chaosPeers());
            }
            ChaosMonkey monkey = new ChaosMonkey(chaos, settings.killEvery().toMillis());
            long start = System.nanoTime();
            monkey.start();
            long end = start + settings.duration().toNanos();
            for (long next = start + settings.sampleEvery().toNanos();
                    ;
                    next += settings.sampleEvery().toNanos()) {
                long wake = Math.min(next, end);
                while (System.nanoTime() < wake) {
                    LockSupport.parkNanos(wake - System.nanoTime()); // the sampling pace
                }
                if (wake == end) {
                    break;
                }
                samples.add(ResourceSample.now(TimeUnit.NANOSECONDS.toSeconds(wake - start), monkey.restarts()));
            }
            try {
                monkey.stop();
            } catch (IllegalStateException | InterruptedException e) {
                failures.add(e.getMessage());
            }
            restarts = monkey.restarts();
            samples.add(ResourceSample.now(settings.duration().toSeconds(), restarts));
            for (Flow flow : flows) {
                results.add(flow.finish());
            }
        }
        long deadline = System.nanoTime() + THREADS_GONE_NANOS;
        while (zmqThreads() > zmqThreadsBefore && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // bounded wait for threads to end
        }
        ResourceSample after = ResourceSample.settled(settings.duration().toSeconds(), restarts);
        samples.add(after);
        if (zmqThreads() > zmqThreadsBefore) {
            failures.add((zmqThreads() - zmqThreadsBefore) + " zmq4j or soak threads outlived the context");
        }
        if (after.descriptors() > before.descriptors() + DESCRIPTOR_SLACK) {
            failures.add("file descriptors: " + before.descriptors() + " before, " + after.descriptors()
                    + " after closing everything");
        }
        deleteAll(ipcDirectory);
        return new SoakReport(settings, results, samples, restarts, failures);
    }

    private static long zmqThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("zmq4j-")
                        || thread.getName().startsWith("soak-"))
                .count();
    }

    private static void deleteAll(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
