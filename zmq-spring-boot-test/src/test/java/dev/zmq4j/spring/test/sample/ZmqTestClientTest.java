package dev.zmq4j.spring.test.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.zmq4j.Message;
import dev.zmq4j.ZmqException;
import dev.zmq4j.spring.config.ZmqListenerEndpointRegistry;
import dev.zmq4j.spring.core.ZmqRemoteException;
import dev.zmq4j.spring.core.ZmqTemplate;
import dev.zmq4j.spring.listener.ZmqListenerContainer;
import dev.zmq4j.spring.test.ZmqTest;
import dev.zmq4j.spring.test.ZmqTestClient;
import dev.zmq4j.spring.test.ZmqTestClients;
import dev.zmq4j.spring.test.sample.SampleApplication.Job;
import dev.zmq4j.spring.test.sample.SampleApplication.Quote;
import dev.zmq4j.spring.test.sample.SampleApplication.QuoteRequest;
import dev.zmq4j.spring.test.sample.SampleApplication.QuoteService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;

/** {@link ZmqTestClient}s of the application's REP, PULL and PUB sockets, with JSON payloads and bounded waits. */
@SpringBootTest
@ZmqTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ZmqTestClientTest {
    /** A client left open by the first test, which the test execution listener must have closed since. */
    private static ZmqTestClient leftOpen;

    @Autowired
    ZmqTestClients clients;

    @Autowired
    QuoteService quoteService;

    @Autowired
    ZmqListenerEndpointRegistry registry;

    @Autowired
    @Qualifier("ticker")
    ZmqTemplate ticker;

    @Test
    @Order(1)
    void shouldRequestWithAReqClientAndTheApplicationsConverter() {
        ZmqTestClient req = clients.req("quotes");
        assertThat(req.getEndpoint()).startsWith("tcp://127.0.0.1:");
        assertThat(req.request(new QuoteRequest("ACME"), Quote.class)).isEqualTo(new Quote("ACME", 42.5));
        assertThat(req.request(new QuoteRequest("INITECH"), String.class))
                .isEqualTo("{\"symbol\":\"INITECH\",\"price\":42.5}");
        leftOpen = req;
    }

    @Test
    @Order(2)
    void shouldHaveClosedTheClientsOfTheTestBefore() {
        assertThat(leftOpen).isNotNull();
        assertThatThrownBy(() -> leftOpen.sendMessage(Message.of("late"))).isInstanceOf(ZmqException.class);
    }

    @Test
    void shouldRequestWithADealerClient() {
        ZmqTestClient dealer = clients.dealer("quotes");
        assertThat(dealer.request(new QuoteRequest("ACME"), Quote.class)).isEqualTo(new Quote("ACME", 42.5));
    }

    @Test
    void shouldTurnAnErrorReplyIntoARemoteException() {
        assertThatThrownBy(() -> clients.req("quotes").request(new QuoteRequest("NONE"), Quote.class))
                .isInstanceOf(ZmqRemoteException.class)
                .hasMessageContaining("IllegalArgumentException: unknown symbol NONE");
    }

    @Test
    void shouldPushToAPullListener() throws InterruptedException {
        quoteService.done.clear(); // the context, and the service, are shared with the other test classes
        clients.push("jobs").send(new Job("j-1"));
        assertThat(quoteService.done.poll(10, TimeUnit.SECONDS)).isEqualTo(new Job("j-1"));
    }

    @Test
    void shouldSubscribeToAPublisher() {
        ZmqTestClient sub = clients.sub("ticker", "prices.").withTimeout(Duration.ofMillis(100));
        // A PUB drops what it sends before the subscription reaches it: publish until one arrives, boundedly.
        Quote received = null;
        for (int attempt = 0; attempt < 100 && received == null; attempt++) {
            ticker.send("prices.ACME", new Quote("ACME", 43.0)).join();
            try {
                received = sub.receive(Quote.class);
            } catch (AssertionError notYet) {
                // not subscribed yet
            }
        }
        assertThat(received).isEqualTo(new Quote("ACME", 43.0));
    }

    @Test
    void shouldLetAReqClientAskAgainAfterARequestThatTimedOut() {
        ZmqListenerContainer quotes = registry.getListenerContainer("quotes");
        ZmqTestClient req = clients.req("quotes").withTimeout(Duration.ofMillis(200));
        quotes.pause();
        try {
            await().atMost(Duration.ofSeconds(10)).until(quotes::isContainerPaused);
            assertThatThrownBy(() -> req.request(new QuoteRequest("LATE"), Quote.class))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("received nothing within PT0.2S");
        } finally {
            quotes.resume();
        }
        // The late reply to LATE is dropped (REQ_CORRELATE); this request gets its own.
        assertThat(req.withTimeout(Duration.ofSeconds(10)).request(new QuoteRequest("ACME"), Quote.class))
                .isEqualTo(new Quote("ACME", 42.5));
    }

    @Test
    void shouldFailABoundedReceiveThatGetsNothing() {
        ZmqTestClient sub = clients.sub("ticker", "nothing.").withTimeout(Duration.ofMillis(50));
        assertThatThrownBy(sub::receiveMessage)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("SUB to tcp://127.0.0.1:")
                .hasMessageContaining("received nothing within PT0.05S");
    }

    @Test
    void shouldRefuseAnOperationTheTypeCannotDo() {
        assertThatThrownBy(() -> clients.push("jobs").request("x", String.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a PUSH zmq test client cannot request");
        assertThatThrownBy(() -> clients.req("nowhere"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("zmq socket 'nowhere' has bound nothing (no local.zmq.nowhere.endpoint)");
    }
}
