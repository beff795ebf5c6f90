package dev.zmq4j.sample;

import dev.zmq4j.spring.core.ZmqTemplate;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes every price on the PUB socket {@code zmq.sockets.ticker} on a schedule, as two frames: the topic
 * {@code prices.<SYMBOL>}, then the quote as JSON. Subscribers filter on the topic prefix ({@code prices.} for
 * everything, {@code prices.ACME} for one symbol). Runs on the scheduler thread; the template is thread-safe.
 *
 * <p>Not named {@code ticker}: that bean name belongs to the template of {@code zmq.sockets.ticker}.
 */
@Component
public class PriceTicker {
    public static final String TOPIC_PREFIX = "prices.";

    private final PriceBook priceBook;
    private final ZmqTemplate ticker;

    public PriceTicker(PriceBook priceBook, @Qualifier("ticker") ZmqTemplate ticker) {
        this.priceBook = priceBook;
        this.ticker = ticker;
    }

    @Scheduled(fixedRateString = "${ticker.interval:1s}")
    public void publish() {
        for (Quote quote : priceBook.move()) {
            ticker.send(TOPIC_PREFIX + quote.symbol(), quote);
        }
    }
}
