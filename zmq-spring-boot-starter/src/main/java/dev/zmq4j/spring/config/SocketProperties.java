package dev.zmq4j.spring.config;

import dev.zmq4j.SocketType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.util.unit.DataSize;

/**
 * One socket as declared under {@code zmq.sockets.<name>} (or inline on a listener): its type, where it binds or
 * connects, and the options the starter applies before the first bind or connect. Options left unset keep the
 * engine's defaults (LINGER falls back to {@code zmq.linger}). A plain mutable holder for the binder; not
 * thread-safe, read once at startup.
 */
public class SocketProperties {

    /**
     * Socket type, as in libzmq: PUSH, PULL, PUB, SUB, REQ, REP, DEALER, ROUTER, PAIR, XPUB, XSUB, or the thread-safe
     * draft types SERVER, GATHER, DISH (listeners), CLIENT, SCATTER, RADIO (templates).
     */
    private SocketType type;

    /** Endpoints to bind, e.g. tcp://*:5555, tcp://127.0.0.1:* (ephemeral port), ipc:///tmp/x, inproc://name. */
    private List<String> bind = new ArrayList<>();

    /** Endpoints to connect to, e.g. tcp://quotes.internal:5555. */
    private List<String> connect = new ArrayList<>();

    /** High-water mark for outgoing messages (SNDHWM), in messages; 0 means no limit. */
    private Integer sendHwm;

    /** High-water mark for incoming messages (RCVHWM), in messages; 0 means no limit. */
    private Integer receiveHwm;

    /** How long unsent messages are kept after close (LINGER); defaults to zmq.linger. */
    private Duration linger;

    /** Routing id announced to ROUTER peers (ROUTING_ID), 1 to 255 bytes of UTF-8, not starting with a zero byte. */
    private String routingId;

    /** Initial reconnect interval (RECONNECT_IVL). */
    private Duration reconnectInterval;

    /** Upper bound of the growing reconnect interval (RECONNECT_IVL_MAX); 0 keeps the interval constant. */
    private Duration reconnectIntervalMax;

    /** Interval between ZMTP heartbeat PINGs (HEARTBEAT_IVL); 0 disables heartbeats. */
    private Duration heartbeatInterval;

    /** Time-to-live the peer is asked to apply to this side (HEARTBEAT_TTL), in multiples of 100 ms. */
    private Duration heartbeatTtl;

    /** How long to wait for any traffic after a PING before closing the connection (HEARTBEAT_TIMEOUT). */
    private Duration heartbeatTimeout;

    /** Send timeout (SNDTIMEO) used by the template when the socket cannot take a message. */
    private Duration sendTimeout;

    /** Receive timeout (RCVTIMEO); listener containers poll and receive without waiting, so it does not apply to them. */
    private Duration receiveTimeout;

    /** Topic prefixes a SUB socket subscribes to; an empty string subscribes to everything. */
    private List<String> subscriptions = new ArrayList<>();

    /** Groups a DISH socket joins (JOIN), matched exactly, 1 to 255 bytes of UTF-8 each; a DISH listener needs one. */
    private List<String> groups = new ArrayList<>();

    /** Largest inbound message accepted (MAXMSGSIZE); larger ones close the connection. */
    private DataSize maxMessageSize;

    /** Time a new connection has to finish the ZMTP handshake before it is closed (HANDSHAKE_IVL); 0 means no limit. libzmq's default: 30s. */
    private Duration handshakeInterval;

    /** Time a TCP connect may take before it is abandoned and retried (CONNECT_TIMEOUT); 0 leaves it to the operating system. libzmq's default: 0. */
    private Duration connectTimeout;

    /** Queue messages only for completed connections (IMMEDIATE), so a send waits (or fails) instead of queueing for a peer not yet connected. libzmq's default: false. */
    private Boolean immediate;

    /** Keep only the latest message in each queue (CONFLATE), for PUSH, PULL, PUB, SUB and DEALER; high-water marks then do not apply. libzmq's default: false. */
    private Boolean conflate;

    /** ROUTER: fail a send to an unknown peer with EHOSTUNREACH instead of dropping it silently (ROUTER_MANDATORY). libzmq's default: false. */
    private Boolean routerMandatory;

    /** ROUTER: a new peer announcing a routing id in use takes it over instead of being refused (ROUTER_HANDOVER). libzmq's default: false. */
    private Boolean routerHandover;

    /** ROUTER, DEALER, REQ: send an empty message to each new peer, so a ROUTER peer learns this socket's routing id at once (PROBE_ROUTER). libzmq's default: false. */
    private Boolean probeRouter;

    /** PUB, XPUB: send each message to the subscribers it does not match; SUB: receive the messages matching none of the subscriptions (INVERT_MATCHING). Both ends must agree. libzmq's default: false. */
    private Boolean invertMatching;

    /** PUB, XPUB: pass every subscription upstream, not only the first for each topic (XPUB_VERBOSE). libzmq's default: false. */
    private Boolean xpubVerbose;

    /** PUB, XPUB: never drop a message for a subscriber at its high-water mark; the send waits instead (XPUB_NODROP). libzmq's default: false. */
    private Boolean xpubNoDrop;

    /** PUB, XPUB: a message (UTF-8) sent to each new subscriber as it attaches (XPUB_WELCOME_MSG). libzmq's default: none. */
    private String xpubWelcomeMessage;

    /** Kernel send buffer of each connection (SNDBUF); -1 leaves the operating system's default. libzmq's default: -1. */
    private DataSize sendBuffer;

    /** Kernel receive buffer of each connection (RCVBUF); -1 leaves the operating system's default. libzmq's default: -1. */
    private DataSize receiveBuffer;

    /** Length of the queue of connections not yet accepted on a bound tcp or ipc endpoint (BACKLOG). libzmq's default: 100. */
    private Integer backlog;

    /** SO_KEEPALIVE on tcp connections (TCP_KEEPALIVE); unset leaves the operating system's default. libzmq's default: -1 (the operating system's). */
    private Boolean tcpKeepalive;

    /** Unanswered keepalive probes before a tcp connection is dropped (TCP_KEEPALIVE_CNT); -1 leaves the operating system's default. libzmq's default: -1. */
    private Integer tcpKeepaliveCount;

    /** Idle time before the first keepalive probe (TCP_KEEPALIVE_IDLE), in whole seconds; unset leaves the operating system's default. libzmq's default: -1. */
    private Duration tcpKeepaliveIdle;

    /** Time between keepalive probes (TCP_KEEPALIVE_INTVL), in whole seconds; unset leaves the operating system's default. libzmq's default: -1. */
    private Duration tcpKeepaliveInterval;

    /** How long a ZmqTemplate request on this socket waits for its reply. */
    private Duration requestTimeout = Duration.ofSeconds(5);

    /** How the socket's health is judged: whether a connecting socket needs a peer. */
    private SocketHealthProperties health = new SocketHealthProperties();

    /** TLS of the socket's wss:// endpoints: an SSL bundle of spring.ssl.bundle.*. */
    private SocketSslProperties ssl = new SocketSslProperties();

    /** Security of the socket's connections: mechanism, PLAIN credentials, CURVE keys, ZAP domain. */
    private SecurityProperties security = new SecurityProperties();

    public SocketSslProperties getSsl() {
        return ssl;
    }

    public SocketHealthProperties getHealth() {
        return health;
    }

    public SecurityProperties getSecurity() {
        return security;
    }

    public SocketType getType() {
        return type;
    }

    public void setType(SocketType type) {
        this.type = type;
    }

    public List<String> getBind() {
        return bind;
    }

    public void setBind(List<String> bind) {
        this.bind = bind;
    }

    public List<String> getConnect() {
        return connect;
    }

    public void setConnect(List<String> connect) {
        this.connect = connect;
    }

    public Integer getSendHwm() {
        return sendHwm;
    }

    public void setSendHwm(Integer sendHwm) {
        this.sendHwm = sendHwm;
    }

    public Integer getReceiveHwm() {
        return receiveHwm;
    }

    public void setReceiveHwm(Integer receiveHwm) {
        this.receiveHwm = receiveHwm;
    }

    public Duration getLinger() {
        return linger;
    }

    public void setLinger(Duration linger) {
        this.linger = linger;
    }

    public String getRoutingId() {
        return routingId;
    }

    public void setRoutingId(String routingId) {
        this.routingId = routingId;
    }

    public Duration getReconnectInterval() {
        return reconnectInterval;
    }

    public void setReconnectInterval(Duration reconnectInterval) {
        this.reconnectInterval = reconnectInterval;
    }

    public Duration getReconnectIntervalMax() {
        return reconnectIntervalMax;
    }

    public void setReconnectIntervalMax(Duration reconnectIntervalMax) {
        this.reconnectIntervalMax = reconnectIntervalMax;
    }

    public Duration getHeartbeatInterval() {
        return heartbeatInterval;
    }

    public void setHeartbeatInterval(Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }

    public Duration getHeartbeatTtl() {
        return heartbeatTtl;
    }

    public void setHeartbeatTtl(Duration heartbeatTtl) {
        this.heartbeatTtl = heartbeatTtl;
    }

    public Duration getHeartbeatTimeout() {
        return heartbeatTimeout;
    }

    public void setHeartbeatTimeout(Duration heartbeatTimeout) {
        this.heartbeatTimeout = heartbeatTimeout;
    }

    public Duration getSendTimeout() {
        return sendTimeout;
    }

    public void setSendTimeout(Duration sendTimeout) {
        this.sendTimeout = sendTimeout;
    }

    public Duration getReceiveTimeout() {
        return receiveTimeout;
    }

    public void setReceiveTimeout(Duration receiveTimeout) {
        this.receiveTimeout = receiveTimeout;
    }

    public List<String> getSubscriptions() {
        return subscriptions;
    }

    public void setSubscriptions(List<String> subscriptions) {
        this.subscriptions = subscriptions;
    }

    public List<String> getGroups() {
        return groups;
    }

    public void setGroups(List<String> groups) {
        this.groups = groups;
    }

    public DataSize getMaxMessageSize() {
        return maxMessageSize;
    }

    public void setMaxMessageSize(DataSize maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public Duration getHandshakeInterval() {
        return handshakeInterval;
    }

    public void setHandshakeInterval(Duration handshakeInterval) {
        this.handshakeInterval = handshakeInterval;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Boolean getImmediate() {
        return immediate;
    }

    public void setImmediate(Boolean immediate) {
        this.immediate = immediate;
    }

    public Boolean getConflate() {
        return conflate;
    }

    public void setConflate(Boolean conflate) {
        this.conflate = conflate;
    }

    public Boolean getRouterMandatory() {
        return routerMandatory;
    }

    public void setRouterMandatory(Boolean routerMandatory) {
        this.routerMandatory = routerMandatory;
    }

    public Boolean getRouterHandover() {
        return routerHandover;
    }

    public void setRouterHandover(Boolean routerHandover) {
        this.routerHandover = routerHandover;
    }

    public Boolean getProbeRouter() {
        return probeRouter;
    }

    public void setProbeRouter(Boolean probeRouter) {
        this.probeRouter = probeRouter;
    }

    public Boolean getInvertMatching() {
        return invertMatching;
    }

    public void setInvertMatching(Boolean invertMatching) {
        this.invertMatching = invertMatching;
    }

    public Boolean getXpubVerbose() {
        return xpubVerbose;
    }

    public void setXpubVerbose(Boolean xpubVerbose) {
        this.xpubVerbose = xpubVerbose;
    }

    public Boolean getXpubNoDrop() {
        return xpubNoDrop;
    }

    public void setXpubNoDrop(Boolean xpubNoDrop) {
        this.xpubNoDrop = xpubNoDrop;
    }

    public String getXpubWelcomeMessage() {
        return xpubWelcomeMessage;
    }

    public void setXpubWelcomeMessage(String xpubWelcomeMessage) {
        this.xpubWelcomeMessage = xpubWelcomeMessage;
    }

    public DataSize getSendBuffer() {
        return sendBuffer;
    }

    public void setSendBuffer(DataSize sendBuffer) {
        this.sendBuffer = sendBuffer;
    }

    public DataSize getReceiveBuffer() {
        return receiveBuffer;
    }

    public void setReceiveBuffer(DataSize receiveBuffer) {
        this.receiveBuffer = receiveBuffer;
    }

    public Integer getBacklog() {
        return backlog;
    }

    public void setBacklog(Integer backlog) {
        this.backlog = backlog;
    }

    public Boolean getTcpKeepalive() {
        return tcpKeepalive;
    }

    public void setTcpKeepalive(Boolean tcpKeepalive) {
        this.tcpKeepalive = tcpKeepalive;
    }

    public Integer getTcpKeepaliveCount() {
        return tcpKeepaliveCount;
    }

    public void setTcpKeepaliveCount(Integer tcpKeepaliveCount) {
        this.tcpKeepaliveCount = tcpKeepaliveCount;
    }

    public Duration getTcpKeepaliveIdle() {
        return tcpKeepaliveIdle;
    }

    public void setTcpKeepaliveIdle(Duration tcpKeepaliveIdle) {
        this.tcpKeepaliveIdle = tcpKeepaliveIdle;
    }

    public Duration getTcpKeepaliveInterval() {
        return tcpKeepaliveInterval;
    }

    public void setTcpKeepaliveInterval(Duration tcpKeepaliveInterval) {
        this.tcpKeepaliveInterval = tcpKeepaliveInterval;
    }

    /** A copy whose lists are copies too, so a listener can add its topics without touching the declaration. */
    public SocketProperties copy() {
        SocketProperties copy = new SocketProperties();
        copy.type = type;
        copy.bind = new ArrayList<>(bind);
        copy.connect = new ArrayList<>(connect);
        copy.sendHwm = sendHwm;
        copy.receiveHwm = receiveHwm;
        copy.linger = linger;
        copy.routingId = routingId;
        copy.reconnectInterval = reconnectInterval;
        copy.reconnectIntervalMax = reconnectIntervalMax;
        copy.heartbeatInterval = heartbeatInterval;
        copy.heartbeatTtl = heartbeatTtl;
        copy.heartbeatTimeout = heartbeatTimeout;
        copy.sendTimeout = sendTimeout;
        copy.receiveTimeout = receiveTimeout;
        copy.subscriptions = new ArrayList<>(subscriptions);
        copy.groups = new ArrayList<>(groups);
        copy.maxMessageSize = maxMessageSize;
        copy.requestTimeout = requestTimeout;
        copy.handshakeInterval = handshakeInterval;
        copy.connectTimeout = connectTimeout;
        copy.immediate = immediate;
        copy.conflate = conflate;
        copy.routerMandatory = routerMandatory;
        copy.routerHandover = routerHandover;
        copy.probeRouter = probeRouter;
        copy.invertMatching = invertMatching;
        copy.xpubVerbose = xpubVerbose;
        copy.xpubNoDrop = xpubNoDrop;
        copy.xpubWelcomeMessage = xpubWelcomeMessage;
        copy.sendBuffer = sendBuffer;
        copy.receiveBuffer = receiveBuffer;
        copy.backlog = backlog;
        copy.tcpKeepalive = tcpKeepalive;
        copy.tcpKeepaliveCount = tcpKeepaliveCount;
        copy.tcpKeepaliveIdle = tcpKeepaliveIdle;
        copy.tcpKeepaliveInterval = tcpKeepaliveInterval;
        // Shared, not copied: nothing changes a declaration's security after binding.
        copy.security = security;
        copy.health = health;
        copy.ssl = ssl;
        return copy;
    }
}
