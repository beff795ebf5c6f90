package dev.zmq4j.perf;

/**
 * The messaging library a perf tool measures, seen through the few calls libzmq's perf tools make: a context that
 * makes sockets. The tools are written once against this and its {@link PerfSocket}; zmq4j and JeroMQ each provide
 * one implementation, and a run loads only one of them, so the calls stay monomorphic and the JIT inlines them.
 *
 * <p>Thread rule as in libzmq: the context may be shared between threads (the inproc tools do), each socket is used
 * by the thread that created it.
 */
public interface PerfContext extends AutoCloseable {
    /**
     * The socket types the perf tools use: PUSH and PULL for throughput, REQ and REP for latency, XPUB and SUB for
     * fan-out, ROUTER and DEALER for many peers, and the draft types (zmq4j only): CLIENT and SERVER for latency,
     * RADIO and DISH for throughput over udp.
     */
    enum Role {
        PUSH,
        PULL,
        REQ,
        REP,
        XPUB,
        SUB,
        ROUTER,
        DEALER,
        CLIENT,
        SERVER,
        RADIO,
        DISH
    }

    /**
     * A socket of this role, with LINGER infinite as libzmq's default, but for SUB: a subscriber sends nothing but its
     * subscriptions, so it closes at once (LINGER 0), in every implementation alike. (JeroMQ 0.6.0's SUB with an
     * infinite LINGER kept its context's close waiting for ever after a fan-out run whose publisher had gone first.)
     * And for RADIO and DISH: SNDHWM and RCVHWM 0 (no limit), as libzmq's {@code radio_thr} and {@code dish_thr} set
     * them, since a RADIO drops what its pipe cannot hold rather than wait.
     */
    PerfSocket socket(Role role);

    /** Closes the context, waiting (as libzmq's {@code zmq_ctx_term}) until closed sockets have sent what they hold. */
    @Override
    void close();
}
