/**
 * Test support for applications using the zmq4j starter (a test-scoped dependency): {@link
 * dev.zmq4j.spring.test.ZmqTest} on a {@code @SpringBootTest} gives ephemeral loopback binds, {@link
 * dev.zmq4j.spring.test.ZmqTestClients} makes Python-free clients of the application's sockets, and {@link
 * dev.zmq4j.spring.test.ZmqListenerTestHarness} captures the calls of its {@code @ZmqListener} methods.
 */
package dev.zmq4j.spring.test;
