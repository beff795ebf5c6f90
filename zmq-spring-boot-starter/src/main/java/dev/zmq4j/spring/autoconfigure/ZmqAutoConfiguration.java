package dev.zmq4j.spring.autoconfigure;

import dev.zmq4j.Context;
import dev.zmq4j.auth.ZapAuthenticator;
import dev.zmq4j.spring.annotation.ZmqListenerAnnotationBeanPostProcessor;
import dev.zmq4j.spring.config.DefaultZmqListenerContainerFactory;
import dev.zmq4j.spring.config.ZmqListenerContainerFactory;
import dev.zmq4j.spring.config.ZmqListenerEndpointRegistry;
import dev.zmq4j.spring.config.ZmqSocketDeclarations;
import dev.zmq4j.spring.core.ZmqTemplate;
import dev.zmq4j.spring.core.ZmqTemplateFactory;
import dev.zmq4j.spring.listener.DefaultZmqListenerErrorHandler;
import dev.zmq4j.spring.listener.ZmqListenerErrorHandler;
import dev.zmq4j.spring.listener.adapter.ZmqMessageArgumentResolver;
import dev.zmq4j.spring.metrics.ZmqMetrics;
import dev.zmq4j.spring.support.LocalEndpoints;
import dev.zmq4j.spring.support.PayloadConverter;
import dev.zmq4j.spring.support.ZmqSocketCustomizer;
import dev.zmq4j.spring.support.ZmqSocketFactory;
import dev.zmq4j.spring.support.ZmqSocketRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.messaging.converter.ByteArrayMessageConverter;
import org.springframework.messaging.converter.CompositeMessageConverter;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.validation.Validator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The zmq4j starter: the {@link Context}, the socket factory (with the socket health registry every created
 * socket reports its events to), message conversion, {@code ZmqTemplate} beans for declared sending sockets, and
 * the {@code @ZmqListener} machinery. Every bean backs off when the application
 * defines its own (by type, or by name where several of a type may exist). Jackson, a validator, Micrometer and an
 * observation registry are used when present.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
            "org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration",
            "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration",
            "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
            "dev.zmq4j.spring.autoconfigure.ZmqMetricsAutoConfiguration"
        })
@ConditionalOnClass(Context.class)
@EnableConfigurationProperties(ZmqProperties.class)
public class ZmqAutoConfiguration {

    /** Closed when the bean factory is destroyed: after the listeners stopped and the templates closed. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Context zmqContext(ZmqProperties properties) {
        return Context.create(properties.getIoThreads());
    }

    /**
     * Asks for the authenticator first, when there is one: it must be answering before any socket the factory makes
     * accepts a peer, or a CURVE server would let unchecked clients in meanwhile and a PLAIN server refuse everyone.
     */
    @Bean
    @ConditionalOnMissingBean
    public ZmqSocketFactory zmqSocketFactory(
            Context context,
            ZmqProperties properties,
            ZmqSocketRegistry health,
            LocalEndpoints localEndpoints,
            ObjectProvider<ZapAuthenticator> authenticator,
            ObjectProvider<ZmqSocketCustomizer> customizers,
            ObjectProvider<SslBundles> sslBundles) {
        authenticator.ifAvailable(started -> {});
        return new ZmqSocketFactory(
                context,
                properties.getLinger(),
                health,
                localEndpoints,
                customizers.orderedStream().toList(),
                sslBundles.getIfAvailable());
    }

    /** Bound endpoints in the log, in the Environment as {@code local.zmq.<socket>.endpoint}, and as events. */
    @Bean
    @ConditionalOnMissingBean
    public LocalEndpoints zmqLocalEndpoints(ConfigurableEnvironment environment, ApplicationEventPublisher events) {
        return new LocalEndpoints(environment, events);
    }

    /** The ZAP handler of {@code zmq.auth.*}; closed before the context, which it depends on. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @Conditional(ZmqAuthCondition.class)
    public ZapAuthenticator zmqAuthenticator(Context context, ZmqProperties properties) {
        return ZmqAuthenticatorFactory.start(context, properties.getAuth());
    }

    /** Tracks every socket the factory creates; feeds actuator health and the event-driven meters. */
    @Bean
    @ConditionalOnMissingBean
    public ZmqSocketRegistry zmqSocketRegistry(ObjectProvider<ZmqMetrics> metrics) {
        return new ZmqSocketRegistry(metrics.getIfUnique(() -> ZmqMetrics.NOOP));
    }

    @Bean
    @ConditionalOnMissingBean
    public ZmqSocketDeclarations zmqSocketDeclarations(ZmqProperties properties) {
        return new ZmqSocketDeclarations(properties.getSockets());
    }

    /** byte[] as is, String as UTF-8, everything else as JSON when Jackson is present. */
    @Bean
    @ConditionalOnMissingBean(name = "zmqMessageConverter")
    public MessageConverter zmqMessageConverter(
            @Qualifier("zmqJsonMessageConverter") ObjectProvider<MessageConverter> json) {
        List<MessageConverter> converters = new ArrayList<>();
        converters.add(new ByteArrayMessageConverter());
        converters.add(new StringMessageConverter());
        json.ifAvailable(converters::add);
        return new CompositeMessageConverter(converters);
    }

    @Bean
    @ConditionalOnMissingBean
    public PayloadConverter zmqPayloadConverter(@Qualifier("zmqMessageConverter") MessageConverter converter) {
        return new PayloadConverter(converter);
    }

    @Bean
    @ConditionalOnMissingBean
    public ZmqListenerErrorHandler zmqListenerErrorHandler(ZmqProperties properties) {
        return new DefaultZmqListenerErrorHandler(properties.getListener().getFailureLogLevel());
    }

    /** Resolves listener arguments; the context's validator (if exactly one) validates {@code @Valid} payloads. */
    @Bean
    @ConditionalOnMissingBean(name = "zmqHandlerMethodFactory")
    public MessageHandlerMethodFactory zmqHandlerMethodFactory(
            @Qualifier("zmqMessageConverter") MessageConverter converter, ObjectProvider<Validator> validator) {
        DefaultMessageHandlerMethodFactory factory = new DefaultMessageHandlerMethodFactory();
        factory.setMessageConverter(converter);
        validator.ifUnique(factory::setValidator);
        factory.setCustomArgumentResolvers(List.of(new ZmqMessageArgumentResolver()));
        return factory;
    }

    @Bean
    @ConditionalOnMissingBean(name = ZmqListenerAnnotationBeanPostProcessor.DEFAULT_CONTAINER_FACTORY)
    public ZmqListenerContainerFactory zmqListenerContainerFactory(
            ZmqSocketFactory sockets,
            @Qualifier("zmqHandlerMethodFactory") MessageHandlerMethodFactory handlerMethodFactory,
            PayloadConverter converter,
            ZmqListenerErrorHandler errorHandler,
            BeanFactory beanFactory,
            ObjectProvider<ObservationRegistry> observations,
            ObjectProvider<ZmqMetrics> metrics,
            ZmqProperties properties) {
        return new DefaultZmqListenerContainerFactory(
                sockets,
                handlerMethodFactory,
                converter,
                name -> name == null ? errorHandler : beanFactory.getBean(name, ZmqListenerErrorHandler.class),
                observations.getIfUnique(() -> ObservationRegistry.NOOP),
                metrics.getIfUnique(() -> ZmqMetrics.NOOP),
                properties.getShutdownTimeout(),
                // the bean of a declared sending socket is its template, named after its key
                name -> beanFactory.getBean(name, ZmqTemplate.class));
    }

    @Bean
    @ConditionalOnMissingBean
    public ZmqListenerEndpointRegistry zmqListenerEndpointRegistry() {
        return new ZmqListenerEndpointRegistry();
    }

    @Bean
    @ConditionalOnMissingBean
    public static ZmqListenerAnnotationBeanPostProcessor zmqListenerAnnotationBeanPostProcessor() {
        return new ZmqListenerAnnotationBeanPostProcessor();
    }

    @Bean
    @ConditionalOnMissingBean
    public ZmqTemplateFactory zmqTemplateFactory(
            ZmqSocketFactory sockets,
            PayloadConverter converter,
            ObjectProvider<ObservationRegistry> observations,
            ObjectProvider<ZmqMetrics> metrics,
            ZmqProperties properties) {
        return new ZmqTemplateFactory(
                sockets,
                converter,
                observations.getIfUnique(() -> ObservationRegistry.NOOP),
                metrics.getIfUnique(() -> ZmqMetrics.NOOP),
                properties.getShutdownTimeout());
    }

    /** Static: a registry post-processor must not force the configuration class to be created early. */
    @Bean
    public static ZmqTemplateRegistrar zmqTemplateRegistrar() {
        return new ZmqTemplateRegistrar();
    }

    /** JSON payloads through the application's Jackson 3 {@link JsonMapper} (or a default one). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JsonMapper.class)
    static class JacksonConverterConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "zmqJsonMessageConverter")
        MessageConverter zmqJsonMessageConverter(ObjectProvider<JsonMapper> jsonMapper) {
            return new JacksonJsonMessageConverter(jsonMapper.getIfUnique(JsonMapper::new));
        }
    }
}
