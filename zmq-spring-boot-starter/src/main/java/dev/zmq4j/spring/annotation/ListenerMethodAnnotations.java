package dev.zmq4j.spring.annotation;

import dev.zmq4j.SocketType;
import dev.zmq4j.spring.config.SendToTarget;
import dev.zmq4j.spring.config.SocketProperties;
import dev.zmq4j.spring.config.SocketPropertiesValidator;
import dev.zmq4j.spring.config.ZmqSocketDeclarations;
import dev.zmq4j.spring.support.InvalidZmqConfigurationException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Headers;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.handler.annotation.SendTo;

/**
 * The spring-messaging annotations of a {@code @ZmqListener} method besides {@code @ZmqListener} itself. Honoured:
 * {@code @SendTo} on the method, {@code @Payload}, {@code @Header} and {@code @Headers} on parameters (with
 * {@code @Valid}/{@code @Validated}, which are not spring-messaging's). Any other spring-messaging annotation
 * ({@code @MessageMapping}, {@code @MessageExceptionHandler}, {@code @DestinationVariable}, {@code @SendToUser},
 * a class-level {@code @SendTo}, ...) would be silently ignored, or worse taken for the payload, so it fails startup
 * naming it. Annotations of other libraries (transactions, metrics) are left to their own proxies. Stateless apart
 * from its collaborators; used at startup only.
 */
final class ListenerMethodAnnotations {
    private static final String SPRING_MESSAGING = "org.springframework.messaging.";
    private static final Set<Class<? extends Annotation>> HONOURED_ON_PARAMETERS =
            Set.of(Payload.class, Header.class, Headers.class);
    /** The declared types @SendTo can forward to: the sending sockets whose template sends one-way. */
    private static final Set<SocketType> FORWARD_TYPES = EnumSet.of(
            SocketType.PUSH,
            SocketType.PUB,
            SocketType.XPUB,
            SocketType.DEALER,
            SocketType.PAIR,
            SocketType.SCATTER,
            SocketType.RADIO);

    /** The types whose {@code @SendTo} names a topic (PUB, XPUB) or a group (RADIO) after the socket. */
    private static final Set<SocketType> TOPIC_TYPES = EnumSet.of(SocketType.PUB, SocketType.XPUB, SocketType.RADIO);

    private final ZmqSocketDeclarations declarations;
    private final UnaryOperator<String> placeholders;

    ListenerMethodAnnotations(ZmqSocketDeclarations declarations, UnaryOperator<String> placeholders) {
        this.declarations = declarations;
        this.placeholders = placeholders;
    }

    /** Fails on an annotation the starter would ignore; returns the {@code @SendTo} target, or null. */
    SendToTarget resolve(Class<?> beanClass, Method method, String beanName) {
        String where = beanName + "." + method.getName();
        if (AnnotatedElementUtils.hasAnnotation(beanClass, SendTo.class)) {
            throw new InvalidZmqConfigurationException(
                    "@SendTo on " + beanClass.getName(),
                    "a class-level @SendTo is not supported; put @SendTo on the @ZmqListener method " + where);
        }
        for (Annotation annotation : method.getAnnotations()) {
            if (isSpringMessaging(annotation) && annotation.annotationType() != SendTo.class) {
                throw unsupported(annotation, "@ZmqListener on " + where);
            }
        }
        for (Parameter parameter : method.getParameters()) {
            for (Annotation annotation : parameter.getAnnotations()) {
                if (isSpringMessaging(annotation) && !HONOURED_ON_PARAMETERS.contains(annotation.annotationType())) {
                    throw unsupported(annotation, "@ZmqListener on " + where + " parameter " + parameter.getName());
                }
            }
        }
        SendTo sendTo = AnnotatedElementUtils.findMergedAnnotation(method, SendTo.class);
        return sendTo == null ? null : target("@SendTo on " + where, sendTo);
    }

    /** {@code @SendTo("socket")}, or {@code @SendTo("socket/topic")} for a PUB or XPUB, {@code "socket/group"} for a RADIO. */
    private SendToTarget target(String attribute, SendTo sendTo) {
        List<String> values = Arrays.stream(sendTo.value())
                .map(placeholders)
                .map(value -> value == null ? "" : value.trim())
                .filter(value -> !value.isEmpty())
                .toList();
        if (values.size() != 1) {
            throw new InvalidZmqConfigurationException(
                    attribute, "name exactly one declared sending socket, e.g. @SendTo(\"orders\"), not " + values);
        }
        String value = values.get(0);
        int slash = value.indexOf('/');
        String socketName = slash < 0 ? value : value.substring(0, slash);
        String topic = slash < 0 ? null : value.substring(slash + 1);
        SocketProperties declared = declarations.find(socketName);
        if (declared == null) {
            throw new InvalidZmqConfigurationException(
                    attribute, "no socket '" + socketName + "' is declared under zmq.sockets");
        }
        SocketType type = declared.getType();
        if (!FORWARD_TYPES.contains(type)) {
            throw new InvalidZmqConfigurationException(
                    attribute,
                    "zmq.sockets." + socketName + " is a " + type + ", which cannot forward results; @SendTo needs a "
                            + "PUSH, PUB, XPUB, DEALER, PAIR, SCATTER or RADIO socket");
        }
        String what = type == SocketType.RADIO ? "group" : "topic";
        if (TOPIC_TYPES.contains(type) && topic == null) {
            throw new InvalidZmqConfigurationException(
                    attribute,
                    "zmq.sockets." + socketName + " is a " + type + ": name the " + what + " too, @SendTo(\""
                            + socketName + "/<" + what + ">\")");
        }
        if (!TOPIC_TYPES.contains(type) && topic != null) {
            throw new InvalidZmqConfigurationException(
                    attribute,
                    "zmq.sockets." + socketName + " is a " + type + ", which has no topics; only a PUB or XPUB "
                            + "takes @SendTo(\"socket/topic\"), a RADIO @SendTo(\"socket/group\")");
        }
        if (type == SocketType.RADIO) {
            String problem = SocketPropertiesValidator.groupProblem(topic);
            if (problem != null) {
                throw new InvalidZmqConfigurationException(attribute, problem);
            }
        }
        return new SendToTarget(socketName, topic);
    }

    private static boolean isSpringMessaging(Annotation annotation) {
        return annotation.annotationType().getName().startsWith(SPRING_MESSAGING);
    }

    private static InvalidZmqConfigurationException unsupported(Annotation annotation, String attribute) {
        return new InvalidZmqConfigurationException(
                attribute,
                "@" + annotation.annotationType().getSimpleName()
                        + " is not supported by zmq4j listeners and would be ignored; remove it");
    }
}
