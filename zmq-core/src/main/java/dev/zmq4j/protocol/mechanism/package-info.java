/**
 * ZMTP security mechanisms: the handshake after the greeting and what becomes of data frames after it, working on
 * frames only, never on a channel. {@link dev.zmq4j.protocol.mechanism.Mechanism} is the contract the engine drives;
 * {@link dev.zmq4j.protocol.mechanism.Mechanisms} chooses one from a socket's options; each mechanism is a class
 * of its own ({@link dev.zmq4j.protocol.mechanism.NullMechanism} today).
 */
package dev.zmq4j.protocol.mechanism;
