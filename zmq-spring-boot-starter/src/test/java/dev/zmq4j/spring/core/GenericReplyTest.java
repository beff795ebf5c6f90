package dev.zmq4j.spring.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.spring.annotation.ZmqListener;
import dev.zmq4j.spring.autoconfigure.ZmqAutoConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.ParameterizedTypeReference;

/**
 * A {@code List<Item>} reply over tcp, converted by the starter's JSON converter from the generic type the caller
 * names, blocking and asynchronous: no {@code Item[]} in between. The template connects to the REP listener's
 * ephemeral port through {@code ${local.zmq.catalog.endpoint}}; every wait is bounded by the request timeout.
 */
class GenericReplyTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ParameterizedTypeReference<List<Item>> ITEMS = new ParameterizedTypeReference<>() {};

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class, JacksonAutoConfiguration.class))
            .withBean(Catalog.class)
            .withPropertyValues(
                    "zmq.sockets.catalog.type=REP",
                    "zmq.sockets.catalog.bind=tcp://127.0.0.1:*",
                    "zmq.sockets.shop.type=REQ",
                    "zmq.sockets.shop.connect=${local.zmq.catalog.endpoint}");

    @Test
    void shouldConvertAListOfRecordsReply() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            ZmqTemplate shop = context.getBean("shop", ZmqTemplate.class);

            List<Item> items = shop.request("tea", ITEMS, TIMEOUT);
            assertThat(items).containsExactly(new Item("tea", 1), new Item("tea", 2));
            assertThat(items.get(0)).as("elements are records, not maps").isInstanceOf(Item.class);

            List<Item> later = shop.requestAsync("milk", ITEMS, TIMEOUT).get();
            assertThat(later).containsExactly(new Item("milk", 1), new Item("milk", 2));
        });
    }

    @Test
    void shouldConvertNestedGenericsAndPlainClassesThroughTheSameMethod() {
        runner.run(context -> {
            ZmqTemplate shop = context.getBean("shop", ZmqTemplate.class);

            Map<String, List<Item>> byName =
                    shop.request("by-name:jam", new ParameterizedTypeReference<Map<String, List<Item>>>() {}, TIMEOUT);
            assertThat(byName).containsOnlyKeys("jam");
            assertThat(byName.get("jam")).containsExactly(new Item("jam", 1));

            String raw = shop.request("tea", new ParameterizedTypeReference<String>() {}, TIMEOUT);
            assertThat(raw).contains("\"name\":\"tea\"");
        });
    }

    record Item(String name, int quantity) {}

    static class Catalog {
        @ZmqListener(socket = "catalog")
        Object find(String query) {
            if (query.startsWith("by-name:")) {
                String name = query.substring("by-name:".length());
                return Map.of(name, List.of(new Item(name, 1)));
            }
            return List.of(new Item(query, 1), new Item(query, 2));
        }
    }
}
