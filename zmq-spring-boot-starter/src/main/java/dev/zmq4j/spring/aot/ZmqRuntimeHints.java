package dev.zmq4j.spring.aot;

import dev.zmq4j.spring.config.SecurityProperties;
import dev.zmq4j.spring.config.SocketHealthProperties;
import dev.zmq4j.spring.config.SocketSslProperties;
import java.util.List;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * The reflection the starter does at runtime that Spring AOT cannot see for itself, for a GraalVM native image;
 * listed in {@code META-INF/spring/aot.factories}, as spring-kafka lists {@code KafkaRuntimeHints}. What is
 * covered elsewhere is not repeated here: the {@code @ConfigurationProperties} binding of {@code zmq.*} (Spring
 * Boot), the failure analyzer of {@code spring.factories} (Spring's factories hints), the auto-configuration and
 * bean definitions (generated code; the templates' through {@code ZmqTemplateBeanRegistrationAotProcessor}), and
 * {@code @ZmqListener} methods with their payload and return types (the {@code @MessageMapping} it is
 * meta-annotated with).
 *
 * <ul>
 *   <li>The nested groups of a {@code zmq.sockets.<name>} entry ({@code security}, {@code ssl}, {@code health}):
 *       Boot's binding hints follow {@code ZmqProperties} into {@code SocketProperties} but no further, because
 *       those are read-only properties of top-level classes, which it does not take for nested groups.
 *   <li>{@code GenericTypeHint}'s private {@code reply()} method, looked up by name and read for its return type
 *       when a template converts a reply to a generic type ({@code ParameterizedTypeReference}).
 * </ul>
 */
public class ZmqRuntimeHints implements RuntimeHintsRegistrar {
    private static final String GENERIC_TYPE_HINT = "dev.zmq4j.spring.support.GenericTypeHint";

    @Override
    public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
        BindableRuntimeHintsRegistrar.forTypes(
                        SecurityProperties.class, SocketSslProperties.class, SocketHealthProperties.class)
                .registerHints(hints, classLoader);
        hints.reflection()
                .registerType(
                        TypeReference.of(GENERIC_TYPE_HINT),
                        type -> type.withMethod("reply", List.of(), ExecutableMode.INTROSPECT));
    }
}
