package dev.zmq4j.spring.test.draft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.SocketType;
import dev.zmq4j.spring.annotation.ZmqListener;
import dev.zmq4j.spring.core.ZmqRemoteException;
import dev.zmq4j.spring.test.ZmqTest;
import dev.zmq4j.spring.test.ZmqTestClient;
import dev.zmq4j.spring.test.ZmqTestClients;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code @ZmqTest} clients of the draft types: a CLIENT asks a SERVER listener, a SCATTER feeds a GATHER one. */
@SpringBootTest(
        classes = ServerClientTest.DraftApplication.class,
        properties = {
            "zmq.sockets.prices.type=SERVER",
            "zmq.sockets.prices.bind=tcp://*:5570",
            "zmq.sockets.orders.type=GATHER",
            "zmq.sockets.orders.bind=tcp://*:5571",
        })
@ZmqTest
class ServerClientTest {

    @Autowired
    ZmqTestClients clients;

    @Autowired
    Prices prices;

    @Test
    void shouldRequestWithAClientAndRecogniseTheErrorReply() {
        ZmqTestClient client = clients.client("prices");
        assertThat(client.getType()).isEqualTo(SocketType.CLIENT);
        assertThat(client.request("ACME", String.class)).isEqualTo("ACME 42.5");
        assertThatThrownBy(() -> client.request("NONE", String.class))
                .isInstanceOf(ZmqRemoteException.class)
                .hasMessageContaining("IllegalArgumentException: unknown symbol NONE");
    }

    @Test
    void shouldFeedAGatherListenerWithAScatter() throws InterruptedException {
        clients.connect(SocketType.SCATTER, "orders").send("order-1");
        assertThat(prices.orders.poll(10, TimeUnit.SECONDS)).isEqualTo("order-1");
    }

    static class Prices {
        final BlockingQueue<String> orders = new LinkedBlockingQueue<>();

        @ZmqListener(socket = "prices")
        String price(String symbol) {
            if (symbol.equals("NONE")) {
                throw new IllegalArgumentException("unknown symbol NONE");
            }
            return symbol + " 42.5";
        }

        @ZmqListener(socket = "orders")
        void order(String order) {
            orders.add(order);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class DraftApplication {
        @Bean
        Prices prices() {
            return new Prices();
        }
    }
}
