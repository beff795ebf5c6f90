package dev.zmq4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.SocketType;
import dev.zmq4j.spring.config.DefaultZmqListenerContainerFactory;
import dev.zmq4j.spring.config.SocketProperties;
import dev.zmq4j.spring.config.ZmqListenerContainerFactory;
import dev.zmq4j.spring.config.ZmqListenerEndpointRegistry;
import dev.zmq4j.spring.core.ZmqTemplate;
import dev.zmq4j.spring.core.ZmqTemplateFactory;
import dev.zmq4j.spring.listener.DefaultZmqListenerErrorHandler;
import dev.zmq4j.spring.listener.ZmqListenerErrorHandler;
import dev.zmq4j.spring.metrics.MicrometerZmqMetrics;
import dev.zmq4j.spring.metrics.ZmqMetrics;
import dev.zmq4j.spring.support.PayloadConverter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.converter.CompositeMessageConverter;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** Conditions, back-offs, property binding and every invalid-configuration message of the auto-configuration. */
class ZmqAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    ZmqAutoConfiguration.class, ZmqMetricsAutoConfiguration.class, JacksonAutoConfiguration.class));

    @Test
    void shouldCreateTheInfrastructureWithNoProperties() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(Context.class);
            assertThat(context).hasSingleBean(ZmqListenerEndpointRegistry.class);
            assertThat(context).hasSingleBean(PayloadConverter.class);
            assertThat(context).hasSingleBean(DefaultZmqListenerErrorHandler.class);
            assertThat(context)
                    .getBean("zmqListenerContainerFactory")
                    .isInstanceOf(DefaultZmqListenerContainerFactory.class);
            assertThat(context).doesNotHaveBean(ZmqTemplate.class);
        });
    }

    @Test
    void shouldBindContextAndSocketProperties() {
        runner.withPropertyValues(
                        "zmq.io-threads=2",
                        "zmq.linger=250ms",
                        "zmq.shutdown-timeout=3s",
                        "zmq.sockets.feed.type=sub",
                        "zmq.sockets.feed.connect=tcp://127.0.0.1:5601,tcp://127.0.0.1:5602",
                        "zmq.sockets.feed.subscriptions=a,b",
                        "zmq.sockets.feed.receive-hwm=10",
                        "zmq.sockets.feed.reconnect-interval=50ms",
                        "zmq.sockets.feed.reconnect-interval-max=2s",
                        "zmq.sockets.feed.heartbeat-interval=1s",
                        "zmq.sockets.feed.heartbeat-ttl=3s",
                        "zmq.sockets.feed.heartbeat-timeout=2s",
                        "zmq.sockets.feed.max-message-size=1MB",
                        "zmq.sockets.feed.routing-id=feed-1")
                .run(context -> {
                    ZmqProperties properties = context.getBean(ZmqProperties.class);
                    assertThat(properties.getIoThreads()).isEqualTo(2);
                    assertThat(properties.getLinger()).isEqualTo(Duration.ofMillis(250));
                    assertThat(properties.getShutdownTimeout()).isEqualTo(Duration.ofSeconds(3));
                    SocketProperties feed = properties.getSockets().get("feed");
                    assertThat(feed.getType()).isEqualTo(SocketType.SUB);
                    assertThat(feed.getConnect()).containsExactly("tcp://127.0.0.1:5601", "tcp://127.0.0.1:5602");
                    assertThat(feed.getSubscriptions()).containsExactly("a", "b");
                    assertThat(feed.getReceiveHwm()).isEqualTo(10);
                    assertThat(feed.getReconnectIntervalMax()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(feed.getHeartbeatTtl()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(feed.getMaxMessageSize()).isEqualTo(DataSize.ofMegabytes(1));
                    assertThat(feed.getRoutingId()).isEqualTo("feed-1");
                    assertThat(context).doesNotHaveBean("feed"); // a SUB socket is a listener's, not a template
                });
    }

    @Test
    void shouldRegisterATemplateNamedAfterEachSendingSocket() {
        runner.withPropertyValues(
                        "zmq.sockets.orders.type=PUSH",
                        "zmq.sockets.orders.bind=tcp://127.0.0.1:*",
                        "zmq.sockets.quotes.type=REQ",
                        "zmq.sockets.quotes.connect=tcp://127.0.0.1:5999",
                        "zmq.sockets.inbox.type=PULL",
                        "zmq.sockets.inbox.bind=tcp://127.0.0.1:*")
                .run(context -> {
                    assertThat(context).getBeans(ZmqTemplate.class).containsOnlyKeys("orders", "quotes");
                    assertThat(context.getBean("orders", ZmqTemplate.class)
                                    .getBoundEndpoints()
                                    .get(0))
                            .startsWith("tcp://127.0.0.1:");
                    assertThat(context.getBean("quotes", ZmqTemplate.class).getSocketType())
                            .isEqualTo(SocketType.REQ);
                });
    }

    @Test
    void shouldBackOffFromAUserTemplateOfTheSameName() {
        runner.withUserConfiguration(UserTemplate.class)
                .withPropertyValues("zmq.sockets.orders.type=PUSH", "zmq.sockets.orders.bind=tcp://127.0.0.1:*")
                .run(context -> assertThat(context.getBean("orders")).isSameAs(UserTemplate.created));
    }

    @Test
    void shouldRefuseAnotherKindOfBeanUnderASendingSocketsName() {
        runner.withUserConfiguration(ClashingBean.class)
                .withPropertyValues("zmq.sockets.orders.type=PUSH", "zmq.sockets.orders.bind=tcp://127.0.0.1:*")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .hasMessageContaining("zmq.sockets.orders")
                        .hasMessageContaining("a bean named 'orders' of type java.lang.String already exists"));
    }

    @Test
    void shouldBackOffFromUserInfrastructureBeans() {
        runner.withUserConfiguration(UserInfrastructure.class).run(context -> {
            assertThat(context).getBean(Context.class).isSameAs(UserInfrastructure.CONTEXT);
            assertThat(context).getBean(ZmqListenerErrorHandler.class).isSameAs(UserInfrastructure.ERROR_HANDLER);
            assertThat(context).getBean("zmqListenerContainerFactory").isSameAs(UserInfrastructure.FACTORY);
            assertThat(context).getBean("zmqMessageConverter").isSameAs(UserInfrastructure.CONVERTER);
            assertThat(context).getBean(ZmqListenerEndpointRegistry.class).isSameAs(UserInfrastructure.REGISTRY);
        });
    }

    @Test
    void shouldConvertJsonWhenJacksonIsPresent() {
        runner.run(context -> assertThat(converters(context.getBean("zmqMessageConverter")))
                .anyMatch(JacksonJsonMessageConverter.class::isInstance));
    }

    @Test
    void shouldWorkWithoutJackson() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader(JsonMapper.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(converters(context.getBean("zmqMessageConverter")))
                            .hasSize(2);
                });
    }

    @Test
    void shouldRegisterMicrometerMetricsOnlyWithAMeterRegistry() {
        runner.run(context -> assertThat(context).doesNotHaveBean(ZmqMetrics.class));
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(context).getBean(ZmqMetrics.class).isInstanceOf(MicrometerZmqMetrics.class);
            assertThat(context).hasSingleBean(ObservationRegistry.class);
        });
    }

    @Test
    void shouldKeepTheApplicationsObservationRegistry() {
        ObservationRegistry own = ObservationRegistry.create();
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean(ObservationRegistry.class, () -> own)
                .run(context ->
                        assertThat(context).getBean(ObservationRegistry.class).isSameAs(own));
    }

    @Test
    void shouldWorkWithoutMicrometer() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class, ZmqMetricsAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(ZmqMetrics.class);
                });
    }

    @Test
    void shouldRejectAnUnknownSocketType() {
        assertFailure("zmq.sockets.x.type", "zmq.sockets.x.type=SPROCKET", "zmq.sockets.x.bind=tcp://*:1");
    }

    @Test
    void shouldRejectAMissingSocketType() {
        assertFailure("zmq.sockets.x.type: must be set", "zmq.sockets.x.bind=tcp://127.0.0.1:*");
    }

    @Test
    void shouldRejectAMalformedEndpoint() {
        assertFailure(
                "zmq.sockets.x.bind: 'tcp://localhost' is not a tcp endpoint",
                "zmq.sockets.x.type=PULL",
                "zmq.sockets.x.bind=tcp://localhost");
    }

    @Test
    void shouldRejectAWebSocketPortAboveTheRange() {
        assertFailure(
                "zmq.sockets.x.connect: 'ws://h:70000/p' has port 70000",
                "zmq.sockets.x.type=SUB",
                "zmq.sockets.x.connect=ws://h:70000/p");
    }

    @Test
    void shouldRejectAWssBindWithoutAnSslBundle() {
        assertFailure(
                "zmq.sockets.x.ssl.bundle: binding wss://127.0.0.1:0/ needs the server's certificate",
                "zmq.sockets.x.type=PUB",
                "zmq.sockets.x.bind=wss://127.0.0.1:0/");
    }

    @Test
    void shouldRejectAnSslBundleThatDoesNotExist() {
        runner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
                .withPropertyValues(
                        "zmq.sockets.x.type=PUB",
                        "zmq.sockets.x.bind=wss://127.0.0.1:0/",
                        "zmq.sockets.x.ssl.bundle=missing")
                .run(context ->
                        assertThat(context).getFailure().rootCause().isInstanceOf(NoSuchSslBundleException.class));
        assertFailure(
                "zmq.sockets.x.ssl.bundle: names 'missing', but the application has no SSL bundles",
                "zmq.sockets.x.type=PUB",
                "zmq.sockets.x.bind=wss://127.0.0.1:0/",
                "zmq.sockets.x.ssl.bundle=missing");
    }

    @Test
    void shouldRejectSslSettingsOnASocketWithoutWssEndpoints() {
        assertFailure(
                "zmq.sockets.x.ssl: applies to wss:// endpoints only",
                "zmq.sockets.x.type=PUB",
                "zmq.sockets.x.bind=tcp://127.0.0.1:*",
                "zmq.sockets.x.ssl.bundle=server");
    }

    @Test
    void shouldRejectAnUnknownTransport() {
        assertFailure(
                "zmq.sockets.x.connect: 'sctp://host:1' uses the unknown transport 'sctp'",
                "zmq.sockets.x.type=PUSH",
                "zmq.sockets.x.connect=sctp://host:1");
    }

    @Test
    void shouldRejectUdpOnASocketOtherThanRadioOrDish() {
        assertFailure(
                "zmq.sockets.x.connect: udp is for RADIO and DISH sockets only, this one is PUSH",
                "zmq.sockets.x.type=PUSH",
                "zmq.sockets.x.connect=udp://host:1");
    }

    @Test
    void shouldAcceptWsEndpointsWithAndWithoutAPath() {
        runner.withPropertyValues(
                        "zmq.sockets.x.type=PULL",
                        "zmq.sockets.x.bind=ws://127.0.0.1:*/prices,ws://[::1]:*",
                        "zmq.sockets.y.type=PUSH",
                        "zmq.sockets.y.connect=ws://localhost:8090/a/b?c=d")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void shouldRejectAWsEndpointWithoutAPort() {
        assertFailure(
                "zmq.sockets.x.connect: 'ws://host/prices' is not a ws endpoint (expected ws://host:port/path",
                "zmq.sockets.x.type=PUSH",
                "zmq.sockets.x.connect=ws://host/prices");
    }

    @Test
    void shouldRejectAPortAboveTheRange() {
        assertFailure(
                "zmq.sockets.x.connect[1]: 'tcp://h:70000' has port 70000",
                "zmq.sockets.x.type=PUSH",
                "zmq.sockets.x.connect=tcp://h:1,tcp://h:70000");
    }

    @Test
    void shouldRejectASocketThatNeitherBindsNorConnects() {
        assertFailure(
                "zmq.sockets.x.bind: a PUSH socket needs zmq.sockets.x.bind or zmq.sockets.x.connect",
                "zmq.sockets.x.type=PUSH");
    }

    @Test
    void shouldRejectARequestSocketThatBindsAndConnects() {
        assertFailure(
                "zmq.sockets.x.connect: a DEALER socket either binds or connects",
                "zmq.sockets.x.type=DEALER",
                "zmq.sockets.x.bind=tcp://127.0.0.1:*",
                "zmq.sockets.x.connect=tcp://127.0.0.1:5");
    }

    @Test
    void shouldRejectARoutingIdOfTheWrongLength() {
        assertFailure(
                "zmq.sockets.x.routing-id: must be 1 to 255 bytes long",
                "zmq.sockets.x.type=DEALER",
                "zmq.sockets.x.connect=tcp://127.0.0.1:5",
                "zmq.sockets.x.routing-id=" + "r".repeat(256));
    }

    @Test
    void shouldRejectSubscriptionsOnANonSubSocket() {
        assertFailure(
                "zmq.sockets.x.subscriptions: only SUB and XSUB sockets subscribe",
                "zmq.sockets.x.type=PUSH",
                "zmq.sockets.x.connect=tcp://127.0.0.1:5",
                "zmq.sockets.x.subscriptions=a");
    }

    @Test
    void shouldRejectInvalidContextSettings() {
        assertFailure("zmq.io-threads: must be 1 or more", "zmq.io-threads=0");
        assertFailure("zmq.linger: must be zero or positive", "zmq.linger=-1ms");
    }

    @Test
    void shouldNameTheOptionTheEngineRejects() {
        assertFailure(
                "zmq.sockets.x.heartbeat-ttl",
                "zmq.sockets.x.type=PUSH",
                "zmq.sockets.x.connect=tcp://127.0.0.1:5",
                "zmq.sockets.x.heartbeat-ttl=9999999s");
    }

    private void assertFailure(String expectedMessage, String... properties) {
        runner.withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            StringBuilder messages = new StringBuilder();
            for (Throwable t = failure; t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
            }
            assertThat(messages.toString()).contains(expectedMessage);
        });
    }

    private static Iterable<MessageConverter> converters(Object converter) {
        return ((CompositeMessageConverter) converter).getConverters();
    }

    @Configuration(proxyBeanMethods = false)
    static class UserTemplate {
        static volatile ZmqTemplate created;

        @Bean
        ZmqTemplate orders(ZmqTemplateFactory factory) {
            SocketProperties properties = new SocketProperties();
            properties.setType(SocketType.PUSH);
            properties.setBind(List.of("inproc://the-users-own"));
            created = factory.create("orders", properties);
            return created;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ClashingBean {
        @Bean
        String orders() {
            return "not a template";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserInfrastructure {
        static final Context CONTEXT = Context.create();
        static final ZmqListenerErrorHandler ERROR_HANDLER = (request, exception) -> "sorry";
        static final ZmqListenerContainerFactory FACTORY = endpoint -> {
            throw new UnsupportedOperationException();
        };
        static final MessageConverter CONVERTER = new CompositeMessageConverter(
                java.util.List.of(new org.springframework.messaging.converter.StringMessageConverter()));
        static final ZmqListenerEndpointRegistry REGISTRY = new ZmqListenerEndpointRegistry();

        @Bean
        Context userContext() {
            return CONTEXT;
        }

        @Bean
        ZmqListenerErrorHandler userErrorHandler() {
            return ERROR_HANDLER;
        }

        @Bean
        ZmqListenerContainerFactory zmqListenerContainerFactory() {
            return FACTORY;
        }

        @Bean
        MessageConverter zmqMessageConverter() {
            return CONVERTER;
        }

        @Bean
        ZmqListenerEndpointRegistry userRegistry() {
            return REGISTRY;
        }
    }
}
