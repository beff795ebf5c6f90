package dev.zmq4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.spring.annotation.ZmqListener;
import dev.zmq4j.spring.support.InvalidZmqConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declarations of the thread-safe draft types that make no sense stop startup naming the property; the engine would
 * take most of these options without complaint.
 */
class DraftSocketValidationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    ZmqAutoConfiguration.class, ZmqMetricsAutoConfiguration.class, JacksonAutoConfiguration.class));

    @ParameterizedTest(name = "{0} {1}={2}")
    @CsvSource({
        "SERVER, router-mandatory, true, a SERVER send to an unknown peer always fails with EHOSTUNREACH",
        "SERVER, router-handover, true, applies to ROUTER sockets",
        "SERVER, routing-id, me, a SERVER numbers its peers itself",
        "SERVER, conflate, true, would drop queued requests or replies",
        "GATHER, router-mandatory, true, applies to ROUTER sockets",
        "CLIENT, conflate, true, would drop queued requests or replies",
        "CLIENT, send-timeout, 1s, set that instead",
        "CLIENT, receive-timeout, 1s, set that instead",
        "SCATTER, router-handover, true, applies to ROUTER sockets",
    })
    void shouldRefuseAnOptionThatMakesNoSenseOnTheType(String type, String option, String value, String reason) {
        String endpoint = type.equals("CLIENT") ? "connect=tcp://127.0.0.1:5999" : "bind=tcp://127.0.0.1:*";
        runner.withPropertyValues(
                        "zmq.sockets.draft.type=" + type,
                        "zmq.sockets.draft." + endpoint,
                        "zmq.sockets.draft." + option + "=" + value)
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .isInstanceOf(InvalidZmqConfigurationException.class)
                        .hasMessageContaining("zmq.sockets.draft." + option)
                        .hasMessageContaining(reason));
    }

    @Test
    void shouldRefuseABindingClientTemplate() {
        runner.withPropertyValues("zmq.sockets.draft.type=CLIENT", "zmq.sockets.draft.bind=tcp://127.0.0.1:*")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("zmq.sockets.draft.bind")
                        .hasMessageContaining("a CLIENT template connects to its SERVERs"));
    }

    @Test
    void shouldRefuseAServerThatBindsAndConnects() {
        runner.withPropertyValues(
                        "zmq.sockets.draft.type=SERVER",
                        "zmq.sockets.draft.bind=tcp://127.0.0.1:*",
                        "zmq.sockets.draft.connect=tcp://127.0.0.1:5999")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("zmq.sockets.draft.connect")
                        .hasMessageContaining("a SERVER socket either binds or connects"));
    }

    @Test
    void shouldRefuseTopicsOnAServerListener() {
        runner.withUserConfiguration(TopicsOnServer.class)
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("topics")
                        .hasMessageContaining(
                                "only SUB listeners (topic prefixes) and DISH listeners (groups) have topics"));
    }

    @Test
    void shouldRefuseAListenerOnAClient() {
        runner.withUserConfiguration(ListenerOnClient.class)
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining(
                                "a listener receives on REP, ROUTER, PULL, SUB, SERVER, GATHER or DISH, not CLIENT"));
    }

    @Test
    void shouldRefuseADeclaredDishListenerThatJoinsNoGroup() {
        assertRefused(
                runner.withUserConfiguration(DeclaredDishListener.class).withPropertyValues(DISH),
                "zmq.sockets.dish.groups",
                "a DISH listener receives only the groups it joins, and joins none");
    }

    @Test
    void shouldRefuseAnInlineDishListenerWithoutTopics() {
        assertRefused(
                runner.withUserConfiguration(InlineDishListener.class),
                "inlineDish.handle topics",
                "set the listener's topics");
    }

    @Test
    void shouldRefuseADeclaredGroupLongerThan255Bytes() {
        assertRefused(
                runner.withUserConfiguration(DeclaredDishListener.class)
                        .withPropertyValues(DISH)
                        .withPropertyValues(
                                "zmq.sockets.dish.groups[0]=prices", "zmq.sockets.dish.groups[1]=" + "é".repeat(128)),
                "zmq.sockets.dish.groups[1]",
                "at most 255 bytes of UTF-8",
                "is 256");
    }

    @Test
    void shouldRefuseAListenerTopicLongerThan255Bytes() {
        assertRefused(
                runner.withUserConfiguration(DeclaredDishListener.class)
                        .withPropertyValues(DISH)
                        .withPropertyValues("dish.topic=" + "g".repeat(256)),
                "declaredDish.handle topics",
                "at most 255 bytes");
    }

    @Test
    void shouldRefuseGroupsOnASocketOtherThanADish() {
        assertRefused(
                runner.withPropertyValues(RADIO).withPropertyValues("zmq.sockets.radio.groups=prices"),
                "zmq.sockets.radio.groups",
                "only DISH sockets join groups, this one is RADIO");
    }

    @Test
    void shouldRefuseSendToARadioWithoutAGroup() {
        assertRefused(
                runner.withUserConfiguration(SendToRadioWithoutGroup.class).withPropertyValues(RADIO),
                "zmq.sockets.radio is a RADIO: name the group too",
                "@SendTo(\"radio/<group>\")");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"udp://127.0.0.1", "udp://;239.0.0.1:5555", "udp://127.0.0.1:70000"})
    void shouldRefuseAMalformedUdpEndpoint(String endpoint) {
        assertRefused(
                runner.withPropertyValues("zmq.sockets.radio.type=RADIO", "zmq.sockets.radio.connect=" + endpoint),
                "zmq.sockets.radio.connect",
                endpoint);
    }

    private static final String[] DISH = {"zmq.sockets.dish.type=DISH", "zmq.sockets.dish.bind=tcp://127.0.0.1:*"};
    private static final String[] RADIO = {
        "zmq.sockets.radio.type=RADIO", "zmq.sockets.radio.connect=tcp://127.0.0.1:5999"
    };

    /** The context fails to start with an {@link InvalidZmqConfigurationException} saying each of {@code fragments}. */
    private static void assertRefused(ApplicationContextRunner runner, String... fragments) {
        runner.run(context -> {
            var failure = assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(InvalidZmqConfigurationException.class);
            for (String fragment : fragments) {
                failure.hasMessageContaining(fragment);
            }
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class DeclaredDishListener {
        @Bean
        Object declaredDish() {
            return new Object() {
                @ZmqListener(socket = "dish", topics = "${dish.topic:}")
                void handle(String text) {}
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class InlineDishListener {
        @Bean
        Object inlineDish() {
            return new Object() {
                @ZmqListener(type = "DISH", bind = "tcp://127.0.0.1:*")
                void handle(String text) {}
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class SendToRadioWithoutGroup {
        @Bean
        Object sendToRadio() {
            return new Object() {
                @ZmqListener(type = "PULL", bind = "tcp://127.0.0.1:*")
                @org.springframework.messaging.handler.annotation.SendTo("radio")
                String handle(String text) {
                    return text;
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TopicsOnServer {
        @Bean
        Object serverWithTopics() {
            return new Object() {
                @ZmqListener(type = "SERVER", bind = "tcp://127.0.0.1:*", topics = "prices.")
                String handle(String text) {
                    return text;
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ListenerOnClient {
        @Bean
        Object listenerOnClient() {
            return new Object() {
                @ZmqListener(type = "CLIENT", connect = "tcp://127.0.0.1:5999")
                String handle(String text) {
                    return text;
                }
            };
        }
    }
}
