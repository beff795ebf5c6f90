package dev.zmq4j.perf.jeromq;

import dev.zmq4j.perf.PerfContext;
import dev.zmq4j.perf.PerfCurve;
import dev.zmq4j.perf.PerfSocket;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * JeroMQ behind the perf tools: a {@link ZContext} with one I/O thread. ZContext closes its sockets with LINGER 0 by
 * default, which would drop what a {@code remote_thr} still has queued; libzmq's tools rely on libzmq's infinite
 * default, so this sets -1, but for SUB sockets (see {@link PerfContext#socket}). Thread-safe.
 */
public final class JeromqContext implements PerfContext {
    private final ZContext context = new ZContext(1);

    public JeromqContext() {
        context.setLinger(-1);
    }

    @Override
    public PerfSocket socket(Role role) {
        if (role == Role.RADIO || role == Role.DISH) {
            // Not measured on JeroMQ, as SERVER (see PerfSocket#echo); its udp is not libzmq's.
            throw new UnsupportedOperationException("this library's perf sockets have no " + role);
        }
        ZMQ.Socket socket = context.createSocket(SocketType.valueOf(role.name()));
        if (role == Role.SUB) {
            socket.setLinger(0);
        }
        if (PerfCurve.ON) {
            byte[] publicKey = ZMQ.Curve.z85Decode(PerfCurve.PUBLIC_KEY);
            if (PerfCurve.isServer(role)) {
                socket.setCurveServer(true);
            } else {
                socket.setCurveServerKey(publicKey);
            }
            socket.setCurvePublicKey(publicKey);
            socket.setCurveSecretKey(ZMQ.Curve.z85Decode(PerfCurve.SECRET_KEY));
        }
        return new JeromqSocket(socket);
    }

    @Override
    public void close() {
        context.close();
    }
}
