package dev.zmq4j.perf;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import java.nio.charset.StandardCharsets;

/** zmq4j behind the perf tools: one I/O thread, as libzmq's tools ask of {@code zmq_init (1)}. Thread-safe. */
public final class Zmq4jContext implements PerfContext {
    private final Context context = Context.create(1);

    @Override
    public PerfSocket socket(Role role) {
        Socket socket = context.socket(SocketType.valueOf(role.name()));
        switch (role) {
            case SUB -> socket.set(SocketOption.LINGER, 0);
            case RADIO -> socket.set(SocketOption.SNDHWM, 0);
            case DISH -> socket.set(SocketOption.RCVHWM, 0);
            default -> {
                // libzmq's defaults
            }
        }
        // udp has no security mechanism: RADIO and DISH stay NULL, as the C tools leave them.
        if (PerfCurve.ON && role != Role.RADIO && role != Role.DISH) {
            byte[] publicKey = PerfCurve.PUBLIC_KEY.getBytes(StandardCharsets.US_ASCII);
            if (PerfCurve.isServer(role)) {
                socket.set(SocketOption.CURVE_SERVER, true);
            } else {
                socket.set(SocketOption.CURVE_SERVERKEY, publicKey);
            }
            socket.set(SocketOption.CURVE_PUBLICKEY, publicKey);
            socket.set(SocketOption.CURVE_SECRETKEY, PerfCurve.SECRET_KEY.getBytes(StandardCharsets.US_ASCII));
        }
        return new Zmq4jSocket(socket);
    }

    @Override
    public void close() {
        context.close();
    }
}
