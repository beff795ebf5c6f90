package dev.zmq4j.spring.aot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.spring.config.SecurityProperties;
import dev.zmq4j.spring.config.SocketHealthProperties;
import dev.zmq4j.spring.config.SocketSslProperties;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * The starter's own runtime hints, checked with {@link RuntimeHintsPredicates}. The predicates resolve each method
 * by name, so renaming a method that a hint names fails here rather than in a native image.
 */
class ZmqRuntimeHintsTest {
    private final RuntimeHints hints = registered();

    @Test
    void shouldBeListedInAotFactories() {
        assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
                        .load(RuntimeHintsRegistrar.class))
                .anyMatch(ZmqRuntimeHints.class::isInstance);
    }

    @Test
    void shouldLetTheNestedGroupsOfADeclaredSocketBeBound() throws Exception {
        assertThat(hints)
                .matches(RuntimeHintsPredicates.reflection()
                        .onMethodInvocation(SecurityProperties.class, "setMechanism"))
                .matches(RuntimeHintsPredicates.reflection()
                        .onMethodInvocation(SecurityProperties.Curve.class, "setServerKey"))
                .matches(RuntimeHintsPredicates.reflection()
                        .onMethodInvocation(SecurityProperties.Plain.class, "setUsername"))
                .matches(RuntimeHintsPredicates.reflection().onMethodInvocation(SocketSslProperties.class, "setBundle"))
                .matches(RuntimeHintsPredicates.reflection()
                        .onMethodInvocation(SocketHealthProperties.class, "setRequirePeer"))
                .matches(RuntimeHintsPredicates.reflection()
                        .onConstructorInvocation(SecurityProperties.Curve.class.getDeclaredConstructor()));
    }

    @Test
    void shouldLetAGenericReplyTypeFindTheMethodThatCarriesIt() throws Exception {
        assertThat(hints)
                .matches(RuntimeHintsPredicates.reflection()
                        .onMethod("dev.zmq4j.spring.support.GenericTypeHint", "reply")
                        .introspect());
    }

    private static RuntimeHints registered() {
        RuntimeHints hints = new RuntimeHints();
        new ZmqRuntimeHints().registerHints(hints, ZmqRuntimeHintsTest.class.getClassLoader());
        return hints;
    }
}
