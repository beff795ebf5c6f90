package dev.zmq4j.spring.config;

import dev.zmq4j.spring.listener.ZmqListenerContainer;

/** Builds the container of a listener endpoint. Called once per endpoint at startup. */
@FunctionalInterface
public interface ZmqListenerContainerFactory {
    ZmqListenerContainer createContainer(MethodZmqListenerEndpoint endpoint);
}
