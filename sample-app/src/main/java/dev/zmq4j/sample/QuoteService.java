package dev.zmq4j.sample;

import dev.zmq4j.spring.annotation.ZmqListener;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;

/**
 * The quote service on the REP socket {@code zmq.sockets.quotes} ({@code tcp://*:5555} by default). Any REQ or
 * DEALER peer can ask: {@code {"symbol":"ACME"}} in, {@code {"symbol":"ACME","price":101.25,"time":...}} out. An
 * unknown symbol throws, and the starter answers with its two-frame error reply.
 */
@Component
public class QuoteService {
    private final PriceBook priceBook;

    public QuoteService(PriceBook priceBook) {
        this.priceBook = priceBook;
    }

    @ZmqListener(socket = "quotes")
    public Quote quote(@Payload QuoteRequest request) {
        return priceBook.quote(request.symbol());
    }
}
