package dev.zmq4j.spring.autoconfigure;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * On when {@code zmq.auth.enabled} is true, or when it is not set and any other {@code zmq.auth.*} rule is, so
 * that declaring who may connect is enough to get an authenticator. Stateless.
 */
class ZmqAuthCondition implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ZmqAuthProperties auth = Binder.get(context.getEnvironment())
                .bind("zmq.auth", ZmqAuthProperties.class)
                .orElseGet(ZmqAuthProperties::new);
        return auth.getEnabled() != null ? auth.getEnabled() : auth.hasRules();
    }
}
