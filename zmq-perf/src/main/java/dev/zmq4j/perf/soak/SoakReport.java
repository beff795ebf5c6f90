package dev.zmq4j.perf.soak;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of a soak: each pattern's counts, the resources sampled over time (the first before any traffic,
 * the last once everything was closed again), the restarts, and every failure; printed as Markdown tables.
 */
record SoakReport(
        SoakSettings settings,
        List<FlowResult> flows,
        List<ResourceSample> samples,
        int restarts,
        List<String> failures) {

    /** Every broken guarantee and leak; empty when the soak passed. */
    List<String> allFailures() {
        List<String> all = new ArrayList<>(failures);
        flows.forEach(flow -> flow.failures().forEach(failure -> all.add(flow.pattern() + ": " + failure)));
        return all;
    }

    String toMarkdown() {
        StringBuilder out = new StringBuilder();
        out.append("Soak of ")
                .append(settings.duration().toSeconds())
                .append(" s, a chaos peer killed (SIGKILL)" + " and restarted about every ")
                .append(settings.killEvery().toMillis())
                .append(" ms: ")
                .append(restarts)
                .append(" restarts\n\n");
        out.append("| pattern | steady sent | steady received | lost | chaos received | checked | setup |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | --- | --- |\n");
        for (FlowResult flow : flows) {
            out.append("| ")
                    .append(flow.pattern())
                    .append(" | ")
                    .append(flow.sent())
                    .append(" | ")
                    .append(flow.received())
                    .append(" | ")
                    .append(flow.lost())
                    .append(" | ")
                    .append(flow.chaosReceived())
                    .append(" | ")
                    .append(flow.notes())
                    .append(" | ")
                    .append(flow.setup())
                    .append(" |\n");
        }
        out.append("\n| time | heap used | threads | file descriptors | restarts |\n");
        out.append("| ---: | ---: | ---: | ---: | ---: |\n");
        for (int i = 0; i < samples.size(); i++) {
            ResourceSample sample = samples.get(i);
            String when = i == 0 ? "before" : i == samples.size() - 1 ? "after close" : sample.elapsedSeconds() + " s";
            out.append("| ")
                    .append(when)
                    .append(" | ")
                    .append(sample.heapUsedBytes() / (1024 * 1024))
                    .append(" MiB | ")
                    .append(sample.threads())
                    .append(" | ")
                    .append(sample.descriptors())
                    .append(" | ")
                    .append(sample.restarts())
                    .append(" |\n");
        }
        List<String> all = allFailures();
        out.append(all.isEmpty() ? "\nPASSED: every guarantee held, nothing leaked\n" : "\nFAILED:\n");
        all.forEach(failure -> out.append("- ").append(failure).append('\n'));
        return out.toString();
    }
}
