package dev.zmq4j.sample;

import java.time.Instant;

/**
 * What became of a {@link ReportJob}. A pipeline has no reply path, so the worker records failures here too:
 * {@code status} is {@code DONE} (with {@code price}) or {@code FAILED} (with {@code detail}).
 */
public record JobResult(String id, String symbol, String status, Double price, String detail, Instant completedAt) {

    static JobResult done(ReportJob job, Quote quote) {
        return new JobResult(job.id(), quote.symbol(), "DONE", quote.price(), null, Instant.now());
    }

    static JobResult failed(ReportJob job, RuntimeException error) {
        return new JobResult(job.id(), job.symbol(), "FAILED", null, error.getMessage(), Instant.now());
    }
}
