package dev.zmq4j.sample;

import dev.zmq4j.spring.annotation.ZmqListener;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;

/**
 * The last price seen for every symbol, kept by a SUB listener on the ticker ({@code zmq.sockets.prices},
 * subscribed to {@code prices.}). The payload is the last frame, so the topic frame needs no handling here.
 * Written on the listener thread, read by web requests: thread-safe.
 */
@Component
public class LastPrices {
    private final Map<String, Quote> latest = new ConcurrentHashMap<>();

    @ZmqListener(socket = "prices", topics = PriceTicker.TOPIC_PREFIX)
    public void onTick(@Payload Quote quote) {
        latest.put(quote.symbol(), quote);
    }

    public Optional<Quote> last(String symbol) {
        return Optional.ofNullable(latest.get(symbol));
    }

    /** Every symbol's last price, sorted by symbol. */
    public Map<String, Quote> all() {
        return new TreeMap<>(latest);
    }
}
