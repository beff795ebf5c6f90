package dev.zmq4j.transport;

import dev.zmq4j.SocketType;
import dev.zmq4j.core.Options;
import dev.zmq4j.engine.Engine;
import dev.zmq4j.engine.RawEngine;
import dev.zmq4j.engine.Wire;
import dev.zmq4j.engine.WsWire;
import dev.zmq4j.engine.ZmtpEngine;
import dev.zmq4j.io.Conduit;
import dev.zmq4j.io.tls.TlsConduit;
import dev.zmq4j.transport.ws.WsAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * Which engine drives a new stream connection (tcp, ipc, ws or wss): raw bytes for STREAM sockets, ZMTP for every
 * other type, over ZMTP's own wire or, for ws, over WebSocket, through TLS for wss.
 * Chosen here, by the transports that make connections, so the engine layer does not name its own implementations.
 *
 * <p>Stateless and thread-safe; called on the listener's or connecter's I/O thread.
 */
public final class Engines {
    private Engines() {}

    /**
     * @param key the channel's registration when the connecter already registered it with the session's I/O thread
     * @param address the endpoint's address, which says the transport
     * @param connecting whether we made the connection (a WebSocket client) or accepted it
     */
    public static Engine forConnection(
            SocketChannel channel,
            SelectionKey key,
            Options options,
            String endpoint,
            StreamAddress address,
            boolean connecting) {
        if (address instanceof WsAddress) {
            WsAddress ws = (WsAddress) address;
            Wire wire = connecting ? WsWire.client(ws.host(), ws.path(), options) : WsWire.server(options);
            if (ws.tls() != null) {
                Conduit tls = new TlsConduit(channel, ws.tls().newEngine(peerPort(channel)));
                return new ZmtpEngine(channel, tls, key, options, endpoint, wire);
            }
            return new ZmtpEngine(channel, key, options, endpoint, wire);
        }
        if (options.type == SocketType.STREAM) {
            return new RawEngine(channel, key, options, endpoint);
        }
        return new ZmtpEngine(channel, key, options, endpoint);
    }

    /** For TLS session resumption, which is keyed by the peer's host and port; -1 when unknown. */
    private static int peerPort(SocketChannel channel) {
        try {
            return ((InetSocketAddress) channel.getRemoteAddress()).getPort();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
