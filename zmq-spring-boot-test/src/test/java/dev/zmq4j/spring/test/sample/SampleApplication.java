package dev.zmq4j.spring.test.sample;

import dev.zmq4j.spring.annotation.ZmqListener;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;

/** The application under test: the sockets of application.yml, a REP quote listener and a PULL job listener. */
@SpringBootApplication
public class SampleApplication {

    public record QuoteRequest(String symbol) {}

    public record Quote(String symbol, double price) {}

    public record Job(String id) {}

    @Component
    public static class QuoteService {
        final BlockingQueue<Job> done = new LinkedBlockingQueue<>();

        @ZmqListener(socket = "quotes")
        Quote quote(QuoteRequest request) {
            if (request.symbol().equals("NONE")) {
                throw new IllegalArgumentException("unknown symbol NONE");
            }
            return new Quote(request.symbol(), 42.5);
        }

        @ZmqListener(socket = "jobs")
        void run(Job job) {
            done.add(job);
        }
    }
}
