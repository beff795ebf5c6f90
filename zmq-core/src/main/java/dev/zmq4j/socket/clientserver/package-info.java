/**
 * CLIENT and SERVER, libzmq's thread-safe draft types for request-reply: single-part messages, a SERVER reply
 * addressed by the routing id of the request's peer.
 */
package dev.zmq4j.socket.clientserver;
