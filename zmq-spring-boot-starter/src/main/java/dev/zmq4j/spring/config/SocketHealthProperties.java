package dev.zmq4j.spring.config;

/**
 * How one socket's health is judged, under {@code zmq.sockets.<name>.health}. A plain mutable holder for the binder;
 * not thread-safe, read once at startup.
 */
public class SocketHealthProperties {

    /**
     * Whether this connecting socket needs a peer to be healthy: without one for longer than
     * zmq.health.connect-grace-period it turns DOWN. False for a peer that may well be absent (an optional
     * upstream, a subscriber to a feed that comes and goes): the socket still reports its details, but stays UP.
     */
    private boolean requirePeer = true;

    public boolean isRequirePeer() {
        return requirePeer;
    }

    public void setRequirePeer(boolean requirePeer) {
        this.requirePeer = requirePeer;
    }
}
