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

    /** Socket type, as in libzmq: PUSH, PULL, PUB, SUB, REQ, REP, DEALER, ROUTER, PAIR, XPUB, XSUB. */
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

    /** Largest inbound message accepted (MAXMSGSIZE); larger ones close the connection. */
    private DataSize maxMessageSize;

    /** How long a ZmqTemplate request on this socket waits for its reply. */
    private Duration requestTimeout = Duration.ofSeconds(5);

    /** Security of the socket's connections: mechanism, PLAIN credentials, CURVE keys, ZAP domain. */
    private SecurityProperties security = new SecurityProperties();

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
        copy.maxMessageSize = maxMessageSize;
        copy.requestTimeout = requestTimeout;
        // Shared, not copied: nothing changes a declaration's security after binding.
        copy.security = security;
        return copy;
    }
}
