package dev.zmq4j.interop;

/**
 * The parts a peer can play in an interop test, named as in {@code src/test/python/zmq_peer.py} (whose
 * docstring is the reference for each role's traffic). The checking side generates the traffic, the other side
 * echoes it back, so each side verifies what it can see.
 */
public enum PeerRole {
    /** REP: receive requests, reply with the same frames. */
    REP_ECHO("rep-echo", org.zeromq.SocketType.REP),
    /** REQ: send {@link Traffic#request(int)}, check the echo. */
    REQ_CLIENT("req-client", org.zeromq.SocketType.REQ),
    /** ROUTER: receive {@code [id, frames...]}, check the id, reply {@code [id, id, frames...]}. */
    ROUTER_ECHO("router-echo", org.zeromq.SocketType.ROUTER),
    /** DEALER with a routing id: send {@link Traffic#dealerFrames(int)}, expect {@code [own id, frames...]}. */
    DEALER_CLIENT("dealer-client", org.zeromq.SocketType.DEALER),
    /** PUSH: send {@link Traffic#payload(int)} for 0..count-1. */
    PUSH("push", org.zeromq.SocketType.PUSH),
    /** PULL: receive count messages and check they are {@link Traffic#payload(int)} in order. */
    PULL("pull", org.zeromq.SocketType.PULL),
    /** PAIR: echo every message. */
    PAIR_ECHO("pair-echo", org.zeromq.SocketType.PAIR);

    private final String scriptName;
    private final org.zeromq.SocketType jeromqType;

    PeerRole(String scriptName, org.zeromq.SocketType jeromqType) {
        this.scriptName = scriptName;
        this.jeromqType = jeromqType;
    }

    /** The role argument of {@code zmq_peer.py}. */
    public String scriptName() {
        return scriptName;
    }

    org.zeromq.SocketType jeromqType() {
        return jeromqType;
    }
}
