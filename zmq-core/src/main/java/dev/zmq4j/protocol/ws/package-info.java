/**
 * ZWS 2.0 (45/ZWS), ZMTP over WebSocket as libzmq speaks it, as bytes in and bytes out: the opening handshake of
 * each side ({@link dev.zmq4j.protocol.ws.WsServerHandshake}, {@link dev.zmq4j.protocol.ws.WsClientHandshake}) and
 * the framing of ZMTP frames and WebSocket control frames ({@link dev.zmq4j.protocol.ws.WsFrameDecoder},
 * {@link dev.zmq4j.protocol.ws.WsFrameEncoder}). No channel here: the ws engine drives them.
 */
package dev.zmq4j.protocol.ws;
