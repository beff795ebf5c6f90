package dev.zmq4j.sample;

import dev.zmq4j.spring.core.ZmqRemoteException;
import dev.zmq4j.spring.core.ZmqRequestTimeoutException;
import dev.zmq4j.spring.core.ZmqTemplate;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP face of the service. Quotes and risk reports go over ZeroMQ to the REP and ROUTER services through
 * DEALER templates, exactly as a client in another process would; the ticker's last prices come from the SUB
 * listener's cache.
 */
@RestController
public class QuoteController {
    private final ZmqTemplate quoteClient;
    private final ZmqTemplate riskClient;
    private final LastPrices lastPrices;

    public QuoteController(
            @Qualifier("quote-client") ZmqTemplate quoteClient,
            @Qualifier("risk-client") ZmqTemplate riskClient,
            LastPrices lastPrices) {
        this.quoteClient = quoteClient;
        this.riskClient = riskClient;
        this.lastPrices = lastPrices;
    }

    /** {@code curl localhost:8080/quotes/ACME}: a blocking request-reply round trip to the quote service. */
    @GetMapping("/quotes/{symbol}")
    public Quote quote(@PathVariable String symbol) {
        return quoteClient.request(new QuoteRequest(symbol), Quote.class);
    }

    /** {@code curl localhost:8080/risk/ACME?quantity=500}: asynchronous, the servlet thread is not held meanwhile. */
    @GetMapping("/risk/{symbol}")
    public CompletableFuture<RiskReport> risk(
            @PathVariable String symbol, @RequestParam(defaultValue = "1000") long quantity) {
        return riskClient.requestAsync(new RiskRequest(symbol, quantity), RiskReport.class);
    }

    /** {@code curl localhost:8080/prices}: the last price of every symbol the ticker has published. */
    @GetMapping("/prices")
    public Map<String, Quote> prices() {
        return lastPrices.all();
    }

    /**
     * The service answered with the starter's error reply. Its description starts with the simple name of the
     * exception the handler threw, which is all a remote caller learns about the failure.
     */
    @ExceptionHandler(ZmqRemoteException.class)
    public ProblemDetail remoteFailure(ZmqRemoteException error) {
        String description = error.getRemoteDescription();
        HttpStatus status;
        if (description.startsWith(UnknownSymbolException.class.getSimpleName() + ":")) {
            status = HttpStatus.NOT_FOUND;
        } else if (description.startsWith(IllegalArgumentException.class.getSimpleName() + ":")) {
            status = HttpStatus.BAD_REQUEST;
        } else {
            status = HttpStatus.BAD_GATEWAY;
        }
        return ProblemDetail.forStatusAndDetail(status, description);
    }

    @ExceptionHandler(ZmqRequestTimeoutException.class)
    public ProblemDetail timeout(ZmqRequestTimeoutException error) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.GATEWAY_TIMEOUT, error.getMessage());
    }
}
