package dev.zmq4j.perf.soak;

import dev.zmq4j.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What every flow shares: its zmq4j socket bound on tcp and ipc, and a chaos peer of one role on each.
 *
 * <p>Thread rule: see {@link Flow}.
 */
abstract class ChaosFlow implements Flow {
    /** The endpoints a flow's bound socket serves. */
    record Endpoints(String tcp, String ipc) {}

    private final List<ChaosPeer> chaos = new ArrayList<>();

    @Override
    public final List<ChaosPeer> chaosPeers() {
        return chaos;
    }

    /** Binds {@code socket} on an ephemeral loopback port and on {@code <ipcDirectory>/<name>.ipc}. */
    static Endpoints bindTcpAndIpc(Socket socket, Path ipcDirectory, String name) {
        socket.bind("tcp://127.0.0.1:*");
        String tcp = socket.lastEndpoint();
        String ipc = "ipc://" + ipcDirectory.resolve(name + ".ipc");
        socket.bind(ipc);
        return new Endpoints(tcp, ipc);
    }

    /** Starts a libzmq {@code role} on each endpoint, named {@code chaos-<role>-<transport>}, for the monkey. */
    final void startChaos(String role, Endpoints endpoints, int rate) {
        startChaos(new ChaosPeer(role, endpoints.tcp(), "chaos-" + role + "-tcp", rate));
        startChaos(new ChaosPeer(role, endpoints.ipc(), "chaos-" + role + "-ipc", rate));
    }

    final void startChaos(ChaosPeer peer) {
        peer.start();
        chaos.add(peer);
    }

    /** Kills every chaos peer for good, once the monkey has stopped. */
    final void killChaos() {
        chaos.forEach(ChaosPeer::kill);
    }
}
