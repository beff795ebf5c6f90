package dev.zmq4j.socket;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.transport.Endpoint;
import dev.zmq4j.transport.StreamAddress;
import dev.zmq4j.transport.ipc.IpcAddress;
import dev.zmq4j.transport.tcp.TcpAddress;
import dev.zmq4j.transport.ws.WsAddress;

/**
 * What a socket checks and works out about an endpoint before it binds or connects it, from its options alone:
 * the address of a stream transport, the refusals (STREAM off tcp and ipc, CURVE without its keys), the pipes of an
 * inproc connection, the error for an endpoint it does not have.
 *
 * <p>Stateless and thread-safe; called by a socket inside its application calls.
 */
final class EndpointRules {
    private EndpointRules() {}

    /** The address of a tcp, ipc, ws or wss endpoint, for a bind or a connect. */
    static StreamAddress streamAddress(Options options, Endpoint endpoint, boolean bind) {
        String text = endpoint.text();
        switch (endpoint.transport()) {
            case TCP:
                return bind
                        ? TcpAddress.forBind(text, endpoint.address())
                        : TcpAddress.forConnect(text, endpoint.address());
            case IPC:
                return bind
                        ? IpcAddress.forBind(text, endpoint.address())
                        : IpcAddress.forConnect(text, endpoint.address());
            default:
                if (options.type == SocketType.STREAM) {
                    throw new ZmqException(
                            ErrorCode.ENOCOMPATPROTO,
                            "a STREAM socket exchanges raw bytes with tcp or ipc peers; it cannot use the WebSocket"
                                    + " endpoint '" + text + "'");
                }
                boolean secure = endpoint.transport() == Endpoint.Transport.WSS;
                return bind
                        ? WsAddress.forBind(text, endpoint.address(), secure, options)
                        : WsAddress.forConnect(text, endpoint.address(), secure, options);
        }
    }

    /** A CURVE socket without the keys of its role could only fail every handshake: say so now. */
    static void requireCurveKeys(Options options, String endpointText) {
        String missing = options.missingCurveKey();
        if (missing != null) {
            throw new ZmqException(
                    ErrorCode.EINVAL,
                    "a CURVE " + (options.asServer ? "server" : "client") + " needs " + missing + " before it can use "
                            + endpointText);
        }
    }

    /** STREAM talks raw bytes to peers that are not ZeroMQ sockets: only tcp and ipc lead to such peers. */
    static void refuseInprocForStream(Options options, Endpoint endpoint) {
        if (options.type == SocketType.STREAM) {
            throw new ZmqException(
                    ErrorCode.ENOCOMPATPROTO,
                    "a STREAM socket exchanges raw bytes with tcp or ipc peers; it cannot use the inproc endpoint '"
                            + endpoint.text() + "'");
        }
    }

    /** An inproc pipe holds both sides' high-water marks, as libzmq's; 0 (no limit) on either side wins. */
    static int combinedHighWaterMark(int send, int receive) {
        return send == 0 || receive == 0 ? 0 : send + receive;
    }

    static ZmqException notFound(Options options, String what, String endpointText) {
        return new ZmqException(
                ErrorCode.ENOENT,
                "endpoint '" + endpointText + "' is not " + what + " by this " + options.type + " socket");
    }

    /**
     * The pipes between {@code connecter} and the bound {@code binder} of an inproc endpoint: the high-water marks and
     * CONFLATE of both sides, and each side's routing id written first where the other side takes one.
     */
    static Pipe[] inprocPipes(SocketBase connecter, Options options, SocketBase binder) {
        Options binderOptions = binder.options();
        int toBinder = combinedHighWaterMark(options.sendHighWaterMark, binderOptions.receiveHighWaterMark);
        int fromBinder = combinedHighWaterMark(binderOptions.sendHighWaterMark, options.receiveHighWaterMark);
        // CONFLATE on either side conflates the direction it covers (libzmq looks at the connecter only).
        Pipe[] pair = Pipe.pair(
                connecter,
                binder,
                toBinder,
                fromBinder,
                options.conflatesOutbound() || binderOptions.conflatesInbound(),
                binderOptions.conflatesOutbound() || options.conflatesInbound());
        if (binderOptions.receivesRoutingId) {
            pair[0].writeUnchecked(new Frame(options.routingId, Frame.ROUTING_ID));
            pair[0].flush();
        }
        if (options.receivesRoutingId) {
            pair[1].writeUnchecked(new Frame(binderOptions.routingId, Frame.ROUTING_ID));
            pair[1].flush();
        }
        return pair;
    }
}
