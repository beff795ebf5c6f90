package dev.zmq4j.spring.listener.adapter;

import dev.zmq4j.Message;
import dev.zmq4j.spring.support.ZmqHeaders;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;

/** Resolves a {@link dev.zmq4j.Message} parameter to the received body frames. Stateless, thread-safe. */
public final class ZmqMessageArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Message.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, org.springframework.messaging.Message<?> message) {
        return message.getHeaders().get(ZmqHeaders.RAW_MESSAGE);
    }
}
