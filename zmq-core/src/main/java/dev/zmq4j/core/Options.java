package dev.zmq4j.core;

import dev.zmq4j.SocketType;

/**
 * The option values of one socket, with libzmq's defaults. The socket owns the live copy; sessions, listeners and
 * engines get a snapshot ({@link #copy()}) when they are created, as in libzmq, so changing an option later affects
 * only connections made afterwards. Not thread-safe.
 */
public final class Options implements Cloneable {
    public static final byte[] NO_ROUTING_ID = new byte[0];

    public int sendHighWaterMark = 1000;
    public int receiveHighWaterMark = 1000;
    public int linger = -1;
    public int sendTimeout = -1;
    public int receiveTimeout = -1;
    public byte[] routingId = NO_ROUTING_ID;
    public int reconnectInterval = 100;
    public int reconnectIntervalMax = 0;
    public boolean routerMandatory;
    public boolean immediate;
    public long maxMessageSize = -1;
    public int handshakeInterval = 30_000;
    public int connectTimeout = 0;
    public boolean xpubVerbose;
    public int heartbeatInterval = 0;
    public int heartbeatTtl = 0;
    public int heartbeatTimeout = -1;
    public int sendBuffer = -1;
    public int receiveBuffer = -1;
    public int backlog = 100;
    public int tcpKeepalive = -1;
    public int tcpKeepaliveCount = -1;
    public int tcpKeepaliveIdle = -1;
    public int tcpKeepaliveInterval = -1;
    public boolean reqRelaxed;
    public boolean reqCorrelate;
    public boolean routerHandover;
    public boolean probeRouter;
    public boolean xpubNoDrop;
    public boolean xpubManual;
    /** XPUB_WELCOME_MSG; null when there is none. */
    public byte[] xpubWelcomeMessage;

    public boolean invertMatching;
    public boolean conflate;
    /** CONNECT_ROUTING_ID, until the next connect consumes it; null when not set. */
    public byte[] connectRoutingId;

    public boolean streamNotify = true;

    /** The mechanism of every new connection; set by the PLAIN_* and CURVE_* options. */
    public Security security = Security.NULL;
    /** PLAIN_SERVER or CURVE_SERVER: this socket authenticates its peers (libzmq's as_server). */
    public boolean asServer;
    /** PLAIN_USERNAME and PLAIN_PASSWORD; empty when not set. */
    public String plainUsername = "";

    public String plainPassword = "";
    /** CURVE_PUBLICKEY, CURVE_SECRETKEY, CURVE_SERVERKEY: 32 bytes each, null when not set. */
    public byte[] curvePublicKey;

    public byte[] curveSecretKey;
    public byte[] curveServerKey;
    /** ZAP_DOMAIN: the domain given to the ZAP handler; empty when not set. */
    public String zapDomain = "";

    public boolean zapEnforceDomain;

    /** WSS_KEY_STORE: the keystore file (PKCS12 or JKS) with a wss server's key and certificate; null when not set. */
    public String wssKeyStore;
    /** WSS_KEY_STORE_PASSWORD: the password of the keystore and of the key in it. */
    public String wssKeyStorePassword = "";
    /** WSS_TRUST_STORE: the certificates a wss client trusts instead of the JDK's; null when not set. */
    public String wssTrustStore;

    public String wssTrustStorePassword = "";
    /** WSS_HOSTNAME: the name a wss client expects in the server's certificate; empty for the endpoint's host. */
    public String wssHostname = "";
    /** WSS_SSL_CONTEXT: TLS made by the application, used instead of the stores above; null when not set. */
    public javax.net.ssl.SSLContext wssSslContext;

    /** The type of the socket these options belong to. */
    public SocketType type;

    /** Set by the socket type, not by the user: whether it announces its routing id in READY (REQ, DEALER, ROUTER). */
    public boolean announcesRoutingId;
    /** Set by the socket type: whether a peer's routing id is delivered into the pipe (ROUTER). */
    public boolean receivesRoutingId;

    /**
     * Whether CONFLATE makes this socket's outbound pipes keep only the latest message: PUSH, PUB and DEALER, as
     * libzmq (which ignores the option on other types).
     */
    public boolean conflatesOutbound() {
        return conflate && (type == SocketType.PUSH || type == SocketType.PUB || type == SocketType.DEALER);
    }

    /**
     * Whether CONFLATE makes this socket's inbound pipes keep only the latest message: PULL, SUB and DEALER.
     * Unlike libzmq, which conflates both directions, the direction carrying subscriptions (SUB to PUB) never
     * is, so that no subscription can be lost.
     */
    public boolean conflatesInbound() {
        return conflate && (type == SocketType.PULL || type == SocketType.SUB || type == SocketType.DEALER);
    }

    /**
     * Whether all this socket sends its peers is subscriptions (SUB) or JOINs (DISH): worthless once it closes, so its
     * connections never linger for them.
     */
    public boolean sendsOnlySubscriptions() {
        return type == SocketType.SUB || type == SocketType.DISH;
    }

    /**
     * The CURVE key option a connection of this socket would lack, or null when it has what its role needs: a
     * server its secret key; a client the server's key and its own pair.
     */
    public String missingCurveKey() {
        if (security != Security.CURVE) {
            return null;
        }
        if (asServer) {
            return curveSecretKey == null ? "CURVE_SECRETKEY" : null;
        }
        if (curveServerKey == null) {
            return "CURVE_SERVERKEY";
        }
        if (curvePublicKey == null) {
            return "CURVE_PUBLICKEY";
        }
        return curveSecretKey == null ? "CURVE_SECRETKEY" : null;
    }

    public Options copy() {
        try {
            return (Options) clone();
        } catch (CloneNotSupportedException impossible) {
            throw new AssertionError(impossible);
        }
    }
}
