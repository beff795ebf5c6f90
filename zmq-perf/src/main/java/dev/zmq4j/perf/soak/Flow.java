package dev.zmq4j.perf.soak;

import dev.zmq4j.Context;
import java.nio.file.Path;
import java.util.List;

/**
 * One messaging pattern under soak: zmq4j sockets with steady peers, whose traffic is checked against the
 * pattern's guarantees, and chaos peers on the same sockets, which the monkey kills and restarts.
 *
 * <p>Thread rule: {@link #start}, {@link #chaosPeers} and {@link #finish} from the soak's thread, in that order.
 */
interface Flow {
    /** Binds, starts the zmq4j threads and the steady libzmq peers; returns once traffic flows. */
    void start(Context context, Path ipcDirectory);

    /** The peers the monkey may kill, started. */
    List<ChaosPeer> chaosPeers();

    /** Stops the traffic, lets what is in flight arrive, closes its sockets and checks what arrived. */
    FlowResult finish();
}
