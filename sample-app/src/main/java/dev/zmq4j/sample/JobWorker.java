package dev.zmq4j.sample;

import dev.zmq4j.spring.annotation.ZmqListener;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;

/**
 * The worker end of the job pipeline: a PULL listener ({@code zmq.sockets.job-queue}) connected to the PUSH
 * socket the jobs are submitted on. More workers, in this process or others, can connect to the same PUSH
 * endpoint and the jobs are shared out between them. Results are kept in memory for {@code GET /jobs/{id}}.
 * Written on the listener thread, read by web requests: thread-safe.
 */
@Component
public class JobWorker {
    private final PriceBook priceBook;
    private final Map<String, JobResult> results = new ConcurrentHashMap<>();

    public JobWorker(PriceBook priceBook) {
        this.priceBook = priceBook;
    }

    @ZmqListener(socket = "job-queue")
    public void process(@Payload ReportJob job) {
        JobResult result;
        try {
            result = JobResult.done(job, priceBook.quote(job.symbol()));
        } catch (RuntimeException e) {
            result = JobResult.failed(job, e);
        }
        results.put(job.id(), result);
    }

    public Optional<JobResult> result(String id) {
        return Optional.ofNullable(results.get(id));
    }
}
