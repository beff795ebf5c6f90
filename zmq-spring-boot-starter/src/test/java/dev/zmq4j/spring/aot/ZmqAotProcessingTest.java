package dev.zmq4j.spring.aot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.spring.annotation.ZmqListener;
import dev.zmq4j.spring.autoconfigure.ZmqAutoConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.InputStreamSource;
import org.springframework.javapoet.ClassName;
import org.springframework.messaging.handler.annotation.Payload;

/**
 * Spring AOT processing of a small application (the auto-configuration, a declared PUSH socket, two listeners), as
 * {@code spring-boot:process-aot} runs it at build time: the template bean is written out as code (a lambda
 * instance supplier would fail the build, "instance supplier is not supported"), and the listener
 * methods and their payload types get reflection hints through {@code @ZmqListener}'s {@code @MessageMapping}.
 * Nothing is started: AOT processing only defines beans. The generated code is run by the sample app's AOT test.
 */
class ZmqAotProcessingTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
            .withUserConfiguration(Listeners.class)
            .withPropertyValues("zmq.sockets.results.type=PUSH", "zmq.sockets.results.bind=tcp://127.0.0.1:*");

    @Test
    void shouldGiveListenerMethodsAndTheirPayloadTypesReflectionHints() {
        RuntimeHints hints = processAheadOfTime().getRuntimeHints();

        assertThat(hints)
                .matches(RuntimeHintsPredicates.reflection().onMethodInvocation(QuoteListener.class, "quote"))
                .matches(RuntimeHintsPredicates.reflection().onMethodInvocation(TickListener.class, "onTick"))
                // bound by JSON: the @Payload parameter, the reply, and a payload parameter without annotation
                .matches(RuntimeHintsPredicates.reflection().onMethodInvocation(QuoteRequest.class, "symbol"))
                .matches(RuntimeHintsPredicates.reflection().onMethodInvocation(QuoteReply.class, "price"))
                .matches(RuntimeHintsPredicates.reflection().onMethodInvocation(Tick.class, "symbol"));
    }

    @Test
    void shouldWriteTheTemplateOfADeclaredSocketOutAsCode() {
        DefaultGenerationContext generated = processAheadOfTime();

        String registrations =
                generatedSource(generated, "dev/zmq4j/spring/autoconfigure/ZmqTemplateRegistrar__BeanDefinitions.java");
        assertThat(registrations)
                .contains("getResultsBeanDefinition()")
                .contains("beanDefinition.setInstanceSupplier(ZmqTemplateRegistrar.templateSupplier(\"results\"))")
                .contains("beanDefinition.setDestroyMethodNames(\"close\")");
    }

    private DefaultGenerationContext processAheadOfTime() {
        DefaultGenerationContext[] generated = new DefaultGenerationContext[1];
        runner.prepare(context -> {
            GenericApplicationContext source = (GenericApplicationContext) context.getSourceApplicationContext();
            DefaultGenerationContext generation = new DefaultGenerationContext(
                    new ClassNameGenerator(ClassName.get(ZmqAotProcessingTest.class)), new InMemoryGeneratedFiles());
            new ApplicationContextAotGenerator().processAheadOfTime(source, generation);
            generation.writeGeneratedContent();
            generated[0] = generation;
        });
        return generated[0];
    }

    private static String generatedSource(DefaultGenerationContext generated, String path) {
        Map<String, InputStreamSource> sources =
                ((InMemoryGeneratedFiles) generated.getGeneratedFiles()).getGeneratedFiles(Kind.SOURCE);
        assertThat(sources).containsKey(path);
        try (InputStream in = sources.get(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Listeners {
        @Bean
        QuoteListener quoteListener() {
            return new QuoteListener();
        }

        @Bean
        TickListener tickListener() {
            return new TickListener();
        }
    }

    record QuoteRequest(String symbol) {}

    record QuoteReply(String symbol, double price) {}

    record Tick(String symbol, double price) {}

    static class QuoteListener {
        @ZmqListener(type = "REP", bind = "tcp://127.0.0.1:*")
        QuoteReply quote(@Payload QuoteRequest request) {
            return new QuoteReply(request.symbol(), 1.0);
        }
    }

    static class TickListener {
        @ZmqListener(type = "SUB", connect = "tcp://127.0.0.1:5556", topics = "prices.")
        void onTick(Tick tick) {}
    }
}
