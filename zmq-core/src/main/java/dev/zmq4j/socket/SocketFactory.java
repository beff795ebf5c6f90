package dev.zmq4j.socket;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.core.ContextCore;
import dev.zmq4j.core.Options;
import dev.zmq4j.socket.clientserver.Client;
import dev.zmq4j.socket.clientserver.Peer;
import dev.zmq4j.socket.clientserver.Server;
import dev.zmq4j.socket.pair.Channel;
import dev.zmq4j.socket.pair.Pair;
import dev.zmq4j.socket.pipeline.Gather;
import dev.zmq4j.socket.pipeline.Pull;
import dev.zmq4j.socket.pipeline.Push;
import dev.zmq4j.socket.pipeline.Scatter;
import dev.zmq4j.socket.pubsub.Pub;
import dev.zmq4j.socket.pubsub.Sub;
import dev.zmq4j.socket.pubsub.XPub;
import dev.zmq4j.socket.pubsub.XSub;
import dev.zmq4j.socket.radiodish.Dish;
import dev.zmq4j.socket.radiodish.Radio;
import dev.zmq4j.socket.reqrep.Dealer;
import dev.zmq4j.socket.reqrep.Rep;
import dev.zmq4j.socket.reqrep.Req;
import dev.zmq4j.socket.reqrep.Router;
import dev.zmq4j.socket.stream.Stream;

/**
 * Creates the engine socket for a socket type, with the options the type implies.
 *
 * <p>Stateless and thread-safe.
 */
public final class SocketFactory {
    private SocketFactory() {}

    public static SocketBase create(ContextCore context, SocketType type) {
        if (type == null) {
            throw new ZmqException(ErrorCode.EINVAL, "the socket type must not be null");
        }
        Options options = new Options();
        options.type = type;
        options.announcesRoutingId = type == SocketType.REQ || type == SocketType.DEALER || type == SocketType.ROUTER;
        options.receivesRoutingId = type == SocketType.ROUTER || type == SocketType.REP;
        switch (type) {
            case PAIR:
                return new Pair(context, options);
            case REQ:
                return new Req(context, options);
            case REP:
                return new Rep(context, options);
            case DEALER:
                return new Dealer(context, options);
            case ROUTER:
                return new Router(context, options);
            case PUSH:
                return new Push(context, options);
            case PUB:
                return new Pub(context, options);
            case SUB:
                return new Sub(context, options);
            case XPUB:
                return new XPub(context, options);
            case XSUB:
                return new XSub(context, options);
            case PULL:
                return new Pull(context, options);
            case STREAM:
                return new Stream(context, options);
            case SERVER:
                return new Server(context, options);
            case CLIENT:
                return new Client(context, options);
            case GATHER:
                return new Gather(context, options);
            case SCATTER:
                return new Scatter(context, options);
            case PEER:
                return new Peer(context, options);
            case CHANNEL:
                return new Channel(context, options);
            case RADIO:
                return new Radio(context, options);
            case DISH:
                return new Dish(context, options);
            default:
                throw new ZmqException(ErrorCode.EINVAL, "socket type " + type + " is not available yet in zmq4j");
        }
    }
}
