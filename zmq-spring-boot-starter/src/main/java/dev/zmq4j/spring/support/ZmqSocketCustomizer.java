package dev.zmq4j.spring.support;

import dev.zmq4j.Socket;

/**
 * Adjusts a socket the starter creates, for a listener or a template alike, after the {@code zmq.sockets.<name>.*}
 * options are applied and before it binds or connects: the way to reach an option that has no property (or to set
 * one from code) without giving up the listener container or the template. Every customizer bean is called for every
 * socket, in {@code @Order} / {@code Ordered} order; a customizer that cares about one socket checks the name.
 *
 * <p>Called on the thread that creates the socket (the one starting the context or the listener); the socket
 * belongs to that thread during the call, so a customizer sets options and keeps no reference to it. An exception
 * thrown here fails startup.
 */
@FunctionalInterface
public interface ZmqSocketCustomizer {

    /**
     * @param socketName the socket's name in health and metrics: the {@code zmq.sockets} key, or the listener id
     * @param socket     the core socket, options applied, not yet bound or connected
     */
    void customize(String socketName, Socket socket);
}
