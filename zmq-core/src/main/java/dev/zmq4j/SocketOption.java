package dev.zmq4j;

import dev.zmq4j.core.Options;
import dev.zmq4j.core.Security;
import dev.zmq4j.socket.SocketBase;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * A typed socket option, named as in libzmq without the {@code ZMQ_} prefix. Times are Integer milliseconds;
 * -1 means infinite where libzmq allows it.
 *
 * @param <T> the value type
 *
 * <p>Constants, immutable and thread-safe.
 */
public final class SocketOption<T> {
    /** Queue limit, in messages, for outbound messages per peer (0 = no limit). */
    public static final SocketOption<Integer> SNDHWM =
            intOption("SNDHWM", 23, 0, (o, v) -> o.sendHighWaterMark = v, o -> o.sendHighWaterMark);
    /** Queue limit, in messages, for inbound messages per peer (0 = no limit). */
    public static final SocketOption<Integer> RCVHWM =
            intOption("RCVHWM", 24, 0, (o, v) -> o.receiveHighWaterMark = v, o -> o.receiveHighWaterMark);
    /** How long pending outbound messages are kept after close (-1 = until sent, 0 = drop at once). */
    public static final SocketOption<Integer> LINGER =
            intOption("LINGER", 17, -1, (o, v) -> o.linger = v, o -> o.linger);
    /** Send timeout (-1 = block forever, 0 = never block). */
    public static final SocketOption<Integer> SNDTIMEO =
            intOption("SNDTIMEO", 28, -1, (o, v) -> o.sendTimeout = v, o -> o.sendTimeout);
    /** Receive timeout (-1 = block forever, 0 = never block). */
    public static final SocketOption<Integer> RCVTIMEO =
            intOption("RCVTIMEO", 27, -1, (o, v) -> o.receiveTimeout = v, o -> o.receiveTimeout);
    /** First reconnect delay (-1 = do not reconnect). */
    public static final SocketOption<Integer> RECONNECT_IVL =
            intOption("RECONNECT_IVL", 18, -1, (o, v) -> o.reconnectInterval = v, o -> o.reconnectInterval);
    /** Upper bound of the doubling reconnect delay (0 = no back-off, always RECONNECT_IVL). */
    public static final SocketOption<Integer> RECONNECT_IVL_MAX =
            intOption("RECONNECT_IVL_MAX", 21, 0, (o, v) -> o.reconnectIntervalMax = v, o -> o.reconnectIntervalMax);
    /** Time allowed for the ZMTP handshake of a new connection (0 = no limit). */
    public static final SocketOption<Integer> HANDSHAKE_IVL =
            intOption("HANDSHAKE_IVL", 66, 0, (o, v) -> o.handshakeInterval = v, o -> o.handshakeInterval);
    /** Time allowed for a TCP connect before it is retried (0 = the operating system's limit). */
    public static final SocketOption<Integer> CONNECT_TIMEOUT =
            intOption("CONNECT_TIMEOUT", 79, 0, (o, v) -> o.connectTimeout = v, o -> o.connectTimeout);
    /** Time between ZMTP PINGs on every connection (0 = no heartbeats). */
    public static final SocketOption<Integer> HEARTBEAT_IVL =
            intOption("HEARTBEAT_IVL", 75, 0, (o, v) -> o.heartbeatInterval = v, o -> o.heartbeatInterval);
    /** How long the peer may wait for our traffic after our PING before dropping us; sent in deciseconds. */
    public static final SocketOption<Integer> HEARTBEAT_TTL = new SocketOption<>(
            "HEARTBEAT_TTL",
            76,
            Integer.class,
            (o, v) -> {
                if (v < 0 || v > 6_553_599) {
                    throw invalid("HEARTBEAT_TTL", v, "must be 0 to 6553599 ms (it travels as 16-bit deciseconds)");
                }
                o.heartbeatTtl = v;
            },
            o -> o.heartbeatTtl);
    /** How long to wait for any traffic after a PING before dropping the connection (-1 = HEARTBEAT_IVL). */
    public static final SocketOption<Integer> HEARTBEAT_TIMEOUT =
            intOption("HEARTBEAT_TIMEOUT", 77, -1, (o, v) -> o.heartbeatTimeout = v, o -> o.heartbeatTimeout);
    /** Kernel send buffer size in bytes (-1 = the operating system's default). */
    public static final SocketOption<Integer> SNDBUF =
            intOption("SNDBUF", 11, -1, (o, v) -> o.sendBuffer = v, o -> o.sendBuffer);
    /** Kernel receive buffer size in bytes (-1 = the operating system's default). */
    public static final SocketOption<Integer> RCVBUF =
            intOption("RCVBUF", 12, -1, (o, v) -> o.receiveBuffer = v, o -> o.receiveBuffer);
    /** Queue length of pending connections on a bound tcp or ipc endpoint. */
    public static final SocketOption<Integer> BACKLOG =
            intOption("BACKLOG", 19, 0, (o, v) -> o.backlog = v, o -> o.backlog);
    /** SO_KEEPALIVE on tcp connections: 1 on, 0 off, -1 the operating system's default. */
    public static final SocketOption<Integer> TCP_KEEPALIVE = new SocketOption<>(
            "TCP_KEEPALIVE",
            34,
            Integer.class,
            (o, v) -> {
                if (v < -1 || v > 1) {
                    throw invalid("TCP_KEEPALIVE", v, "must be -1, 0 or 1");
                }
                o.tcpKeepalive = v;
            },
            o -> o.tcpKeepalive);
    /** Keepalive probes before a tcp connection is dropped (-1 = the operating system's default). */
    public static final SocketOption<Integer> TCP_KEEPALIVE_CNT =
            intOption("TCP_KEEPALIVE_CNT", 35, -1, (o, v) -> o.tcpKeepaliveCount = v, o -> o.tcpKeepaliveCount);
    /** Idle seconds before the first keepalive probe (-1 = the operating system's default). */
    public static final SocketOption<Integer> TCP_KEEPALIVE_IDLE =
            intOption("TCP_KEEPALIVE_IDLE", 36, -1, (o, v) -> o.tcpKeepaliveIdle = v, o -> o.tcpKeepaliveIdle);
    /** Seconds between keepalive probes (-1 = the operating system's default). */
    public static final SocketOption<Integer> TCP_KEEPALIVE_INTVL =
            intOption("TCP_KEEPALIVE_INTVL", 37, -1, (o, v) -> o.tcpKeepaliveInterval = v, o -> o.tcpKeepaliveInterval);
    /** REQ: allow a new request before the reply to the previous one (which is then dropped). */
    public static final SocketOption<Boolean> REQ_RELAXED = new SocketOption<>(
            "REQ_RELAXED",
            53,
            Boolean.class,
            (o, v) -> {
                requireReq(o, "REQ_RELAXED");
                o.reqRelaxed = v;
            },
            o -> o.reqRelaxed);
    /** REQ: tag each request with an id and accept only the reply that carries it back. */
    public static final SocketOption<Boolean> REQ_CORRELATE = new SocketOption<>(
            "REQ_CORRELATE",
            52,
            Boolean.class,
            (o, v) -> {
                requireReq(o, "REQ_CORRELATE");
                o.reqCorrelate = v;
            },
            o -> o.reqCorrelate);
    /** ROUTER: a new peer announcing a routing id in use takes it over (instead of being refused). */
    public static final SocketOption<Boolean> ROUTER_HANDOVER = new SocketOption<>(
            "ROUTER_HANDOVER",
            56,
            Boolean.class,
            (o, v) -> {
                requireType(o, "ROUTER_HANDOVER", SocketType.ROUTER);
                o.routerHandover = v;
            },
            o -> o.routerHandover);
    /** ROUTER, DEALER, REQ: send an empty message to every new peer, so a ROUTER peer learns our routing id. */
    public static final SocketOption<Boolean> PROBE_ROUTER = new SocketOption<>(
            "PROBE_ROUTER",
            51,
            Boolean.class,
            (o, v) -> {
                requireType(o, "PROBE_ROUTER", SocketType.ROUTER, SocketType.DEALER, SocketType.REQ);
                o.probeRouter = v;
            },
            o -> o.probeRouter);
    /** STREAM: deliver [routing id][empty frame] when a connection opens and when it closes (default on). */
    public static final SocketOption<Boolean> STREAM_NOTIFY = new SocketOption<>(
            "STREAM_NOTIFY",
            73,
            Boolean.class,
            (o, v) -> {
                requireType(o, "STREAM_NOTIFY", SocketType.STREAM);
                o.streamNotify = v;
            },
            o -> o.streamNotify);
    /** The last endpoint bound or connected, resolved (read-only). */
    public static final SocketOption<String> LAST_ENDPOINT = readOnly(
            "LAST_ENDPOINT", 32, String.class, socket -> socket.lastEndpoint() == null ? "" : socket.lastEndpoint());
    /** Whether the last frame received has more frames after it (read-only). */
    public static final SocketOption<Boolean> RCVMORE = readOnly("RCVMORE", 13, Boolean.class, SocketBase::hasMore);
    /** What the socket can do now without blocking: Poller.POLLIN and Poller.POLLOUT bits (read-only). */
    public static final SocketOption<Integer> EVENTS = readOnly("EVENTS", 15, Integer.class, SocketBase::pollEvents);
    /** The routing id this socket announces to its peers: 1 to 255 bytes. */
    public static final SocketOption<byte[]> ROUTING_ID = new SocketOption<>(
            "ROUTING_ID",
            5,
            byte[].class,
            (o, v) -> {
                if (v.length < 1 || v.length > 255) {
                    throw invalid("ROUTING_ID", v.length + " bytes", "must be 1 to 255 bytes long");
                }
                o.routingId = v.clone();
            },
            o -> o.routingId.clone());
    /** ROUTER: fail with EHOSTUNREACH instead of dropping a message for an unknown peer. */
    public static final SocketOption<Boolean> ROUTER_MANDATORY = new SocketOption<>(
            "ROUTER_MANDATORY", 33, Boolean.class, (o, v) -> o.routerMandatory = v, o -> o.routerMandatory);
    /** Queue messages only for completed connections. */
    public static final SocketOption<Boolean> IMMEDIATE =
            new SocketOption<>("IMMEDIATE", 39, Boolean.class, (o, v) -> o.immediate = v, o -> o.immediate);
    /** Largest inbound message accepted, in bytes (-1 = no limit); a peer that sends more is disconnected. */
    public static final SocketOption<Long> MAXMSGSIZE = new SocketOption<>(
            "MAXMSGSIZE",
            22,
            Long.class,
            (o, v) -> {
                if (v < -1) {
                    throw invalid("MAXMSGSIZE", v, "must be -1 (no limit) or at least 0");
                }
                o.maxMessageSize = v;
            },
            o -> o.maxMessageSize);

    /**
     * SUB: receive messages whose first frame starts with these bytes (empty: everything). XPUB with XPUB_MANUAL:
     * subscribe the subscriber of the last subscription received. Write-only.
     */
    public static final SocketOption<byte[]> SUBSCRIBE =
            action("SUBSCRIBE", 6, (socket, topic) -> socket.setSubscription(true, topic.clone()));
    /** SUB, XPUB with XPUB_MANUAL: remove one subscription made with SUBSCRIBE. Write-only. */
    public static final SocketOption<byte[]> UNSUBSCRIBE =
            action("UNSUBSCRIBE", 7, (socket, topic) -> socket.setSubscription(false, topic.clone()));
    /** XPUB, PUB: pass every subscription to the application, not only the first for each topic. */
    public static final SocketOption<Boolean> XPUB_VERBOSE = new SocketOption<>(
            "XPUB_VERBOSE",
            40,
            Boolean.class,
            (o, v) -> {
                requirePublisher(o, "XPUB_VERBOSE");
                o.xpubVerbose = v;
            },
            o -> o.xpubVerbose);
    /**
     * XPUB, PUB: never drop a message for a subscriber at its high-water mark; the send waits (or fails under
     * DONTWAIT / SNDTIMEO) until every matching subscriber has room.
     */
    public static final SocketOption<Boolean> XPUB_NODROP = new SocketOption<>(
            "XPUB_NODROP",
            69,
            Boolean.class,
            (o, v) -> {
                requirePublisher(o, "XPUB_NODROP");
                o.xpubNoDrop = v;
            },
            o -> o.xpubNoDrop);
    /**
     * XPUB: subscriptions are not applied; every one (duplicates too) is passed to the application, which applies
     * them by setting SUBSCRIBE / UNSUBSCRIBE on the XPUB, acting for the subscriber of the last subscription
     * received.
     */
    public static final SocketOption<Boolean> XPUB_MANUAL = new SocketOption<>(
            "XPUB_MANUAL",
            71,
            Boolean.class,
            (o, v) -> {
                // Not PUB, unlike libzmq: a PUB cannot receive the subscriptions it would have to apply.
                requireType(o, "XPUB_MANUAL", SocketType.XPUB);
                o.xpubManual = v;
            },
            o -> o.xpubManual);
    /**
     * XPUB, PUB: a message sent to every new subscriber as it attaches (it sees it only if it subscribes to it).
     * An empty value removes it. Reads back empty when none is set.
     */
    public static final SocketOption<byte[]> XPUB_WELCOME_MSG = new SocketOption<>(
            "XPUB_WELCOME_MSG",
            72,
            byte[].class,
            (o, v) -> {
                requirePublisher(o, "XPUB_WELCOME_MSG");
                o.xpubWelcomeMessage = v.length == 0 ? null : v.clone();
            },
            o -> o.xpubWelcomeMessage == null ? new byte[0] : o.xpubWelcomeMessage.clone());
    /**
     * PUB, XPUB: send each message to the subscribers that do NOT match it; SUB: receive only messages that match
     * none of its subscriptions. Every PUB and SUB talking to each other must use the same setting. Accepted on
     * every socket type, as libzmq, and without effect on the others.
     */
    public static final SocketOption<Boolean> INVERT_MATCHING = new SocketOption<>(
            "INVERT_MATCHING", 74, Boolean.class, (o, v) -> o.invertMatching = v, o -> o.invertMatching);
    /**
     * PUSH, PULL, PUB, SUB, DEALER: keep only the latest message in each pipe's queue (the high-water marks do not
     * apply). A multipart message is kept whole (libzmq documents multipart as unsupported). Applies to
     * connections made afterwards. Accepted on every socket type, as libzmq, and without effect on the others.
     */
    public static final SocketOption<Boolean> CONFLATE =
            new SocketOption<>("CONFLATE", 54, Boolean.class, (o, v) -> o.conflate = v, o -> o.conflate);
    /**
     * ROUTER, STREAM: the routing id the peer of the next {@code connect} gets, instead of the one it announces;
     * 1 to 255 bytes not starting with 0x00 (reserved for generated ids). That connect consumes it. Write-only.
     */
    public static final SocketOption<byte[]> CONNECT_ROUTING_ID = new SocketOption<>(
            "CONNECT_ROUTING_ID",
            61,
            byte[].class,
            (o, v) -> {
                requireType(o, "CONNECT_ROUTING_ID", SocketType.ROUTER, SocketType.STREAM);
                if (v.length < 1 || v.length > 255) {
                    throw invalid("CONNECT_ROUTING_ID", v.length + " bytes", "must be 1 to 255 bytes long");
                }
                if (v[0] == 0) {
                    throw invalid(
                            "CONNECT_ROUTING_ID",
                            "0x" + java.util.HexFormat.of().formatHex(v),
                            "must not start with 0x00 (reserved for generated routing ids)");
                }
                o.connectRoutingId = v.clone();
            },
            null);

    // ---- security (23/ZMTP mechanisms, 27/ZAP): as in libzmq, the last mechanism option set decides ----------

    /** PLAIN: this socket is the server; its peers' usernames and passwords go to the ZAP handler. */
    public static final SocketOption<Boolean> PLAIN_SERVER = new SocketOption<>(
            "PLAIN_SERVER",
            44,
            Boolean.class,
            (o, v) -> {
                o.asServer = v;
                o.security = v ? Security.PLAIN : Security.NULL;
            },
            o -> o.security == Security.PLAIN && o.asServer);
    /** PLAIN: the username this client sends (at most 255 bytes as UTF-8); empty switches back to NULL. */
    public static final SocketOption<String> PLAIN_USERNAME = new SocketOption<>(
            "PLAIN_USERNAME",
            45,
            String.class,
            (o, v) -> {
                o.plainUsername = plainCredential("PLAIN_USERNAME", v);
                plainClient(o, v);
            },
            o -> o.plainUsername);
    /** PLAIN: the password this client sends (at most 255 bytes as UTF-8); empty switches back to NULL. */
    public static final SocketOption<String> PLAIN_PASSWORD = new SocketOption<>(
            "PLAIN_PASSWORD",
            46,
            String.class,
            (o, v) -> {
                o.plainPassword = plainCredential("PLAIN_PASSWORD", v);
                plainClient(o, v);
            },
            o -> o.plainPassword);
    /** CURVE: this socket is the server; it needs CURVE_SECRETKEY. */
    public static final SocketOption<Boolean> CURVE_SERVER = new SocketOption<>(
            "CURVE_SERVER",
            47,
            Boolean.class,
            (o, v) -> {
                o.asServer = v;
                o.security = v ? Security.CURVE : Security.NULL;
            },
            o -> o.security == Security.CURVE && o.asServer);
    /** CURVE: this socket's long-term public key; 32 bytes or 40 ASCII bytes of Z85. Read back as 32 bytes. */
    public static final SocketOption<byte[]> CURVE_PUBLICKEY = curveKey("CURVE_PUBLICKEY", 48, false);
    /** CURVE: this socket's long-term secret key; 32 bytes or 40 ASCII bytes of Z85. */
    public static final SocketOption<byte[]> CURVE_SECRETKEY = curveKey("CURVE_SECRETKEY", 49, false);
    /** CURVE: the server's public key, which makes this socket a CURVE client; 32 bytes or 40 of Z85. */
    public static final SocketOption<byte[]> CURVE_SERVERKEY = curveKey("CURVE_SERVERKEY", 50, true);
    /**
     * The ZAP domain this socket's connections are authenticated in (at most 255 bytes). Under NULL, setting one
     * is what makes the socket consult its ZAP handler.
     */
    public static final SocketOption<String> ZAP_DOMAIN = new SocketOption<>(
            "ZAP_DOMAIN",
            55,
            String.class,
            (o, v) -> {
                if (v.getBytes(StandardCharsets.UTF_8).length > 255) {
                    throw invalid("ZAP_DOMAIN", '"' + v + '"', "must be at most 255 bytes long");
                }
                o.zapDomain = v;
            },
            o -> o.zapDomain);
    /**
     * Fail the handshake when no ZAP handler is bound, instead of letting NULL and CURVE peers in unchecked (a
     * PLAIN server always fails then).
     */
    public static final SocketOption<Boolean> ZAP_ENFORCE_DOMAIN = new SocketOption<>(
            "ZAP_ENFORCE_DOMAIN", 93, Boolean.class, (o, v) -> o.zapEnforceDomain = v, o -> o.zapEnforceDomain);
    /**
     * wss servers: the keystore file (PKCS12 or JKS) holding the key and certificate chain this socket shows when it
     * binds {@code wss://}; read when it binds. zmq4j's own (libzmq takes PEM files instead).
     */
    public static final SocketOption<String> WSS_KEY_STORE =
            tlsOption("WSS_KEY_STORE", -1, (o, v) -> o.wssKeyStore = v.isEmpty() ? null : v, o -> o.wssKeyStore);
    /** wss servers: the password of WSS_KEY_STORE, which also opens the key in it. */
    public static final SocketOption<String> WSS_KEY_STORE_PASSWORD =
            tlsOption("WSS_KEY_STORE_PASSWORD", -1, (o, v) -> o.wssKeyStorePassword = v, o -> o.wssKeyStorePassword);
    /**
     * wss clients: a keystore file of the certificates to trust instead of the JDK's trust store; read when the
     * socket connects.
     */
    public static final SocketOption<String> WSS_TRUST_STORE =
            tlsOption("WSS_TRUST_STORE", -1, (o, v) -> o.wssTrustStore = v.isEmpty() ? null : v, o -> o.wssTrustStore);
    /** wss clients: the password of WSS_TRUST_STORE (empty for none). */
    public static final SocketOption<String> WSS_TRUST_STORE_PASSWORD = tlsOption(
            "WSS_TRUST_STORE_PASSWORD", -1, (o, v) -> o.wssTrustStorePassword = v, o -> o.wssTrustStorePassword);
    /**
     * wss clients: the host name the server's certificate must carry (and the SNI sent), when it is not the
     * endpoint's host; as libzmq's.
     */
    public static final SocketOption<String> WSS_HOSTNAME =
            tlsOption("WSS_HOSTNAME", 104, (o, v) -> o.wssHostname = v, o -> o.wssHostname);
    /**
     * wss, either side: TLS made by the application (a Spring SSL bundle's, say), used instead of the keystore
     * options: its key managers serve a bound socket, its trust managers check the server for a connecting one.
     * zmq4j's own.
     */
    public static final SocketOption<SSLContext> WSS_SSL_CONTEXT = new SocketOption<>(
            "WSS_SSL_CONTEXT", -1, SSLContext.class, (o, v) -> o.wssSslContext = v, o -> o.wssSslContext);
    /** The security mechanism of new connections: "NULL", "PLAIN" or "CURVE" (read-only). */
    public static final SocketOption<String> MECHANISM = readOnly(
            "MECHANISM", 43, String.class, socket -> socket.options().security.name());

    private final String name;
    private final int libzmqId;
    private final Class<T> type;
    private final BiConsumer<Options, T> setter;
    private final Function<Options, T> getter;
    /** For options that act on the socket rather than store a value (SUBSCRIBE); null otherwise. */
    private final BiConsumer<SocketBase, T> action;
    /** For read-only options that report the socket's state (RCVMORE); null otherwise. */
    private Function<SocketBase, T> stateReader;

    private SocketOption(
            String name, int libzmqId, Class<T> type, BiConsumer<Options, T> setter, Function<Options, T> getter) {
        this(name, libzmqId, type, setter, getter, null);
    }

    private SocketOption(
            String name,
            int libzmqId,
            Class<T> type,
            BiConsumer<Options, T> setter,
            Function<Options, T> getter,
            BiConsumer<SocketBase, T> action) {
        this.name = name;
        this.libzmqId = libzmqId;
        this.type = type;
        this.setter = setter;
        this.getter = getter;
        this.action = action;
    }

    private static <V> SocketOption<V> readOnly(
            String name, int libzmqId, Class<V> type, Function<SocketBase, V> reader) {
        SocketOption<V> option = new SocketOption<>(name, libzmqId, type, null, null, null);
        option.stateReader = reader;
        return option;
    }

    private static SocketOption<byte[]> action(String name, int libzmqId, BiConsumer<SocketBase, byte[]> action) {
        return new SocketOption<>(name, libzmqId, byte[].class, null, null, action);
    }

    /** A string option of wss; null reads back as "". */
    private static SocketOption<String> tlsOption(
            String name, int libzmqId, BiConsumer<Options, String> setter, Function<Options, String> getter) {
        return new SocketOption<>(name, libzmqId, String.class, setter, o -> {
            String value = getter.apply(o);
            return value == null ? "" : value;
        });
    }

    private static SocketOption<Integer> intOption(
            String name,
            int libzmqId,
            int minimum,
            BiConsumer<Options, Integer> setter,
            Function<Options, Integer> getter) {
        return new SocketOption<>(
                name,
                libzmqId,
                Integer.class,
                (o, v) -> {
                    if (v < minimum) {
                        throw invalid(name, v, "must be at least " + minimum);
                    }
                    setter.accept(o, v);
                },
                getter);
    }

    /** A CURVE key option; as in libzmq, setting one selects CURVE, and the server key makes a client. */
    private static SocketOption<byte[]> curveKey(String name, int libzmqId, boolean serverKey) {
        return new SocketOption<>(
                name,
                libzmqId,
                byte[].class,
                (o, v) -> {
                    byte[] key = CurveKeyPair.keyBytes(name, v);
                    if (serverKey) {
                        o.curveServerKey = key;
                        o.asServer = false;
                    } else if (libzmqId == 48) {
                        o.curvePublicKey = key;
                    } else {
                        o.curveSecretKey = key;
                    }
                    o.security = Security.CURVE;
                },
                o -> {
                    byte[] key = serverKey ? o.curveServerKey : libzmqId == 48 ? o.curvePublicKey : o.curveSecretKey;
                    return key == null ? new byte[0] : key.clone();
                });
    }

    private static String plainCredential(String name, String value) {
        if (value.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw invalid(
                    name,
                    "of " + value.getBytes(StandardCharsets.UTF_8).length + " bytes",
                    "must be at most 255 bytes long");
        }
        return value;
    }

    /** libzmq: a username or password makes the socket a PLAIN client; an empty one, a NULL socket again. */
    private static void plainClient(Options options, String value) {
        options.asServer = false;
        options.security = value.isEmpty() ? Security.NULL : Security.PLAIN;
    }

    private static void requirePublisher(Options options, String name) {
        requireType(options, name, SocketType.XPUB, SocketType.PUB);
    }

    private static void requireReq(Options options, String name) {
        requireType(options, name, SocketType.REQ);
    }

    private static void requireType(Options options, String name, SocketType... types) {
        for (SocketType type : types) {
            if (options.type == type) {
                return;
            }
        }
        throw new ZmqException(
                ErrorCode.EINVAL,
                "option " + name + " applies to "
                        + java.util.Arrays.toString(types).replace("[", "").replace("]", "") + " sockets, not to "
                        + options.type);
    }

    private static ZmqException invalid(String name, Object value, String rule) {
        return new ZmqException(ErrorCode.EINVAL, "invalid value " + value + " for option " + name + ": " + rule);
    }

    public String name() {
        return name;
    }

    /** The {@code ZMQ_*} number libzmq gives this option; -1 for zmq4j's own options. */
    public int libzmqId() {
        return libzmqId;
    }

    public Class<T> type() {
        return type;
    }

    void apply(SocketBase socket, Object value) {
        if (value == null) {
            throw new ZmqException(ErrorCode.EINVAL, "option " + name + " must not be set to null");
        }
        if (!type.isInstance(value)) {
            throw new ZmqException(
                    ErrorCode.EINVAL,
                    "option " + name + " takes a " + type.getSimpleName() + ", not a "
                            + value.getClass().getSimpleName());
        }
        if (action != null) {
            action.accept(socket, type.cast(value));
        } else if (setter != null) {
            setter.accept(socket.options(), type.cast(value));
        } else {
            throw new ZmqException(ErrorCode.EINVAL, "option " + name + " can be read but not set");
        }
    }

    T read(SocketBase socket) {
        if (stateReader != null) {
            return stateReader.apply(socket);
        }
        if (getter == null) {
            throw new ZmqException(ErrorCode.EINVAL, "option " + name + " can be set but not read");
        }
        return getter.apply(socket.options());
    }

    @Override
    public String toString() {
        return name;
    }
}
