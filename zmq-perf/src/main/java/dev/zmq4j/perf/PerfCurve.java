package dev.zmq4j.perf;

/**
 * The CURVE switch of the perf tools, the same for zmq4j, JeroMQ and the C tools built against libzmq: with
 * {@code ZMQ_PERF_CURVE=1} in the environment, the bound side (PULL, REP, XPUB, ROUTER, SERVER) is a CURVE server and the connecting side
 * a client (PUSH, REQ, SUB, DEALER, CLIENT), all with the fixed key pair of libzmq's {@code tests/test_sodium.cpp} (a perf run measures the
 * encryption, not key distribution). Otherwise NULL, as libzmq's own tools. RADIO and DISH over udp stay NULL either
 * way (udp has no security mechanism; the C {@code dish_thr} and {@code radio_thr} set none). Constants; thread-safe.
 */
public final class PerfCurve {
    public static final boolean ON = "1".equals(System.getenv("ZMQ_PERF_CURVE"));
    public static final String SECRET_KEY = "D:)Q[IlAW!ahhC2ac:9*A}h:p?([4%wOTJ%JR%cs";
    public static final String PUBLIC_KEY = "Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID";

    private PerfCurve() {}

    /** Whether a socket of this role is the CURVE server (it binds). */
    public static boolean isServer(PerfContext.Role role) {
        return switch (role) {
            case PULL, REP, XPUB, ROUTER, SERVER, DISH -> true;
            case PUSH, REQ, SUB, DEALER, CLIENT, RADIO -> false;
        };
    }
}
