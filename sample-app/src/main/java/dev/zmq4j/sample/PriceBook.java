package dev.zmq4j.sample;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/**
 * The current price of every traded symbol, moved by a small random walk each time the ticker runs. Stands in for
 * a market data feed. Thread-safe: read by listener threads, moved by the scheduler.
 */
@Component
public class PriceBook {
    private static final double MAX_MOVE = 0.005;

    private final Map<String, Double> prices = new ConcurrentHashMap<>(Map.of(
            "ACME", 101.25,
            "GLOBEX", 48.10,
            "INITECH", 12.75,
            "UMBRELLA", 230.40));

    /** The current price of {@code symbol} (case-insensitive). */
    public Quote quote(String symbol) {
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("the request names no symbol");
        }
        String key = symbol.toUpperCase(Locale.ROOT);
        Double price = prices.get(key);
        if (price == null) {
            throw new UnknownSymbolException(symbol);
        }
        return new Quote(key, price, Instant.now());
    }

    /** Moves every price by up to half a percent and returns the new quotes. */
    public List<Quote> move() {
        List<Quote> moved = new ArrayList<>();
        Instant now = Instant.now();
        for (String symbol : prices.keySet()) {
            double step = ThreadLocalRandom.current().nextDouble(-MAX_MOVE, MAX_MOVE);
            double price = prices.compute(symbol, (key, old) -> roundToCents(old * (1 + step)));
            moved.add(new Quote(symbol, price, now));
        }
        return moved;
    }

    private static double roundToCents(double price) {
        return Math.round(price * 100) / 100.0;
    }
}
