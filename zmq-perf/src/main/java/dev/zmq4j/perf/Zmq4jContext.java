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
        if (role == Role.SUB) {
            socket.set(SocketOption.LINGER, 0);
        }
        if (PerfCurve.ON) {
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
