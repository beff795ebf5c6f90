package dev.zmq4j.spring.support;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.util.ReflectionUtils;

/**
 * A conversion hint that carries a generic type ({@code List<Item>}) to a Spring {@code SmartMessageConverter}.
 * spring-messaging's converters take generic types only from a {@link MethodParameter} hint (the Jackson ones resolve
 * {@code getNestedGenericParameterType()} against {@code getContainingClass()}), and there is no {@code Type}-based
 * {@code fromMessage}; so this parameter stands for the return value of a method whose return type is the wanted
 * type. Going through the hint, rather than reading the JSON mapper, keeps the application's own converter (its
 * mapper, its MIME types, its other converters) in charge. The method behind it is a private one without
 * annotations, so no {@code @JsonView} applies. Immutable, thread-safe.
 */
final class GenericTypeHint extends MethodParameter {
    private static final Method REPLY = ReflectionUtils.findMethod(GenericTypeHint.class, "reply");

    private final Type type;
    private final Class<?> rawType;

    GenericTypeHint(Type type) {
        super(REPLY, -1);
        this.type = type;
        this.rawType = ResolvableType.forType(type).resolve(Object.class);
    }

    private GenericTypeHint(GenericTypeHint original) {
        super(original);
        this.type = original.type;
        this.rawType = original.rawType;
    }

    /** The class a converter is asked for: {@code List} for {@code List<Item>}. */
    Class<?> rawType() {
        return rawType;
    }

    @Override
    public Class<?> getParameterType() {
        return rawType;
    }

    @Override
    public Type getGenericParameterType() {
        return type;
    }

    @Override
    public Type getNestedGenericParameterType() {
        return type;
    }

    @Override
    public Class<?> getContainingClass() {
        return rawType;
    }

    @Override
    public GenericTypeHint clone() {
        return new GenericTypeHint(this);
    }

    /** Stands for the value being converted; never called. */
    @SuppressWarnings("unused")
    private static Object reply() {
        return null;
    }
}
