package dev.zmq4j.sample;

import dev.zmq4j.spring.core.ZmqTemplate;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Submits jobs on the PUSH template {@code jobs} and shows their results. {@code POST} answers 202 once the socket
 * has taken the job (or 503 if no worker is connected within the submit timeout); the result appears at the
 * returned location when a worker is done.
 */
@RestController
public class JobController {
    private final ZmqTemplate jobs;
    private final JobWorker worker;
    private final Duration submitTimeout;

    public JobController(
            @Qualifier("jobs") ZmqTemplate jobs,
            JobWorker worker,
            @Value("${jobs.submit-timeout:2s}") Duration submitTimeout) {
        this.jobs = jobs;
        this.worker = worker;
        this.submitTimeout = submitTimeout;
    }

    /** {@code curl -i -X POST 'localhost:8080/jobs?symbol=ACME'} */
    @PostMapping("/jobs")
    public CompletableFuture<ResponseEntity<ReportJob>> submit(@RequestParam String symbol) {
        ReportJob job = new ReportJob(UUID.randomUUID().toString(), symbol);
        return jobs.send(job)
                .orTimeout(submitTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(sent -> ResponseEntity.accepted()
                        .location(URI.create("/jobs/" + job.id()))
                        .body(job))
                .exceptionally(error -> ResponseEntity.status(503).body(job));
    }

    /** {@code curl localhost:8080/jobs/<id>}: 404 while the job is still queued or running. */
    @GetMapping("/jobs/{id}")
    public ResponseEntity<JobResult> result(@PathVariable String id) {
        return ResponseEntity.of(worker.result(id));
    }
}
