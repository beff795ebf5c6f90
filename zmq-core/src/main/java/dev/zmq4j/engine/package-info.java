/**
 * Engines: what drives one connection on its I/O thread. {@link dev.zmq4j.engine.ChannelEngine} owns the channel,
 * reads and writes with back-pressure and closes; {@link dev.zmq4j.engine.ZmtpEngine} speaks ZMTP on it (greeting,
 * mechanism handshake, frames, heartbeats), {@link dev.zmq4j.engine.RawEngine} passes raw bytes for STREAM sockets.
 * An engine knows its host only as an {@link dev.zmq4j.engine.EngineHost} and reports events to an
 * {@link dev.zmq4j.engine.EventSink}; the session and the socket implement those.
 */
package dev.zmq4j.engine;
