package dev.zmq4j.protocol.mechanism;

import dev.zmq4j.SocketType;
import dev.zmq4j.protocol.Metadata;
import dev.zmq4j.protocol.ProtocolException;

/**
 * The properties every mechanism exchanges once the peer is trusted (READY for NULL; INITIATE and READY for PLAIN
 * and CURVE): our Socket-Type and, for the types that announce one, our Identity; and the check that the peer's
 * Socket-Type may talk to ours (23/ZMTP "Socket Compatibility").
 *
 * <p>Stateless and thread-safe.
 */
public final class HandshakeProperties {
    private HandshakeProperties() {}

    /**
     * @param routingId the routing id to announce as Identity, or null for a type that announces none
     */
    public static Metadata own(SocketType type, byte[] routingId) {
        Metadata metadata = new Metadata().put(Metadata.SOCKET_TYPE, type.name());
        if (routingId != null) {
            metadata.put(Metadata.IDENTITY, routingId);
        }
        return metadata;
    }

    /**
     * Refuses a peer whose Socket-Type is missing, unknown or incompatible with ours. libzmq reports this with no
     * handshake event (only the DISCONNECTED that follows), hence no monitor code.
     */
    public static void checkPeerType(SocketType own, Metadata peer) throws ProtocolException {
        String peerTypeName = peer.getString(Metadata.SOCKET_TYPE);
        SocketType peerType = peerTypeName == null ? null : SocketType.fromWireName(peerTypeName);
        if (peerType == null || !own.isCompatibleWith(peerType)) {
            throw new ProtocolException("a " + own + " socket cannot talk to a peer of type " + peerTypeName);
        }
    }
}
