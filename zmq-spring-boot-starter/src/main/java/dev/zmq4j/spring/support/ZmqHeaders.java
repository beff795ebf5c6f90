package dev.zmq4j.spring.support;

/**
 * Names of the Spring message headers a listener can read with {@code @Header}. ZeroMQ carries no headers on the
 * wire: these describe the frames around the payload (the payload is the last frame of the message body).
 */
public final class ZmqHeaders {
    /**
     * The routing id of the peer that sent a request: {@code byte[]} on a ROUTER listener, {@code Integer} on a
     * SERVER listener ({@code @Header(ZmqHeaders.ROUTING_ID) int routingId}); absent on the other types.
     */
    public static final String ROUTING_ID = "zmq_routingId";
    /** {@code String}: the topic frame (first frame) of a multipart message received by a SUB listener. */
    public static final String TOPIC = "zmq_topic";
    /** {@code String}: the group of a message received by a DISH listener (RADIO/DISH groups, matched exactly). */
    public static final String GROUP = "zmq_group";
    /** {@code List<byte[]>}: every frame of the message body (envelope excluded). */
    public static final String FRAMES = "zmq_frames";
    /** {@code Integer}: how many frames the message body has. */
    public static final String FRAME_COUNT = "zmq_frameCount";
    /** {@code dev.zmq4j.Message}: the message body (envelope excluded) as received. */
    public static final String RAW_MESSAGE = "zmq_rawMessage";
    /** {@code String}: the id of the listener that received the message. */
    public static final String LISTENER_ID = "zmq_listenerId";
    /** {@code String}: the socket type of the listener (REP, ROUTER, PULL, SUB, SERVER, GATHER, DISH). */
    public static final String SOCKET_TYPE = "zmq_socketType";

    private ZmqHeaders() {}
}
