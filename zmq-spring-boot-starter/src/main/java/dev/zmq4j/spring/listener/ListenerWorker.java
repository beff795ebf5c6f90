package dev.zmq4j.spring.listener;

import dev.zmq4j.Context;
import dev.zmq4j.ErrorCode;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * One handler thread of a worker pool: owns a DEALER connected to the pool's inproc ROUTER, takes one request at
 * a time, answers it, and ends on STOP (see {@link WorkerProtocol}). The DEALER is created, used and closed on
 * the worker's own thread only.
 */
final class ListenerWorker implements Runnable {
    private static final Log LOG = LogFactory.getLog(ListenerWorker.class);

    private final Context context;
    private final String backendEndpoint;
    private final RequestDispatcher dispatcher;

    ListenerWorker(Context context, String backendEndpoint, RequestDispatcher dispatcher) {
        this.context = context;
        this.backendEndpoint = backendEndpoint;
        this.dispatcher = dispatcher;
    }

    @Override
    public void run() {
        try (Socket dealer = context.socket(SocketType.DEALER)) {
            dealer.set(SocketOption.LINGER, 0);
            dealer.connect(backendEndpoint);
            dealer.send(WorkerProtocol.frame(null, WorkerProtocol.READY, null));
            serve(dealer);
        } catch (ZmqException e) {
            if (e.code() != ErrorCode.ETERM) {
                LOG.error("zmq listener worker " + Thread.currentThread().getName() + " failed", e);
            }
        }
    }

    private void serve(Socket dealer) {
        while (true) {
            Message command = dealer.recvMessage();
            if (command == null || command.size() == 0) {
                continue;
            }
            if (command.get(0)[0] == WorkerProtocol.STOP) {
                return;
            }
            // A worker is one of N handler threads: it waits for a listener's future itself, so the front keeps
            // serving and at most N requests are in hand at once, futures or not.
            Message reply = dispatcher.dispatch(WorkerProtocol.tail(command, 1)).join();
            dealer.send(WorkerProtocol.frame(null, WorkerProtocol.ANSWER, reply));
        }
    }
}
