package dev.zmq4j.sample;

import dev.zmq4j.spring.annotation.ZmqListener;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;

/**
 * The risk service on the ROUTER socket {@code zmq.sockets.risk}: slow, CPU-bound work (a Monte Carlo value at
 * risk), so it runs with {@code concurrency} worker threads behind the one endpoint. The ROUTER keeps each caller's
 * envelope, so replies find their caller whichever worker computed them. Called on up to N threads at once;
 * stateless apart from the thread-safe {@link PriceBook}.
 */
@Component
public class RiskService {
    /** Daily volatility assumed for every symbol: a sample, not a risk model. */
    private static final double DAILY_VOLATILITY = 0.02;

    private final PriceBook priceBook;
    private final int scenarios;

    public RiskService(PriceBook priceBook, @Value("${risk.scenarios:200000}") int scenarios) {
        this.priceBook = priceBook;
        this.scenarios = scenarios;
    }

    @ZmqListener(socket = "risk", concurrency = "${risk.workers:4}")
    public RiskReport report(@Payload RiskRequest request) {
        if (request.quantity() <= 0) {
            throw new IllegalArgumentException("quantity must be positive, not " + request.quantity());
        }
        Quote quote = priceBook.quote(request.symbol());
        double positionValue = quote.price() * request.quantity();
        double[] losses = new double[scenarios];
        SplittableRandom random = new SplittableRandom();
        for (int i = 0; i < scenarios; i++) {
            losses[i] = -positionValue * DAILY_VOLATILITY * gaussian(random);
        }
        Arrays.sort(losses);
        double valueAtRisk = losses[(int) Math.floor(scenarios * 0.99)];
        return new RiskReport(
                quote.symbol(),
                request.quantity(),
                quote.price(),
                round(positionValue),
                round(valueAtRisk),
                scenarios,
                Thread.currentThread().getName());
    }

    /** A standard normal draw (Box-Muller); SplittableRandom has no nextGaussian on Java 17. */
    private static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static double round(double amount) {
        return Math.round(amount * 100) / 100.0;
    }
}
