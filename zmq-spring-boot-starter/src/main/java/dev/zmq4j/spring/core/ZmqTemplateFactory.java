package dev.zmq4j.spring.core;

import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.spring.config.SocketProperties;
import dev.zmq4j.spring.health.SocketHealthTracker;
import dev.zmq4j.spring.metrics.SocketMeters;
import dev.zmq4j.spring.metrics.ZmqMetrics;
import dev.zmq4j.spring.support.PayloadConverter;
import dev.zmq4j.spring.support.ZmqSocketFactory;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Builds the {@link ZmqTemplate} of a declared sending socket. A declared REQ gets a DEALER, so many requests can be
 * in flight at once instead of REQ's strict one-at-a-time. A thread-safe SCATTER, RADIO or CLIENT needs no socket thread of
 * the classic kind ({@link ScatterChannel}, {@link ClientRequestChannel}). A connect to {@code ${local.zmq.<socket>.endpoint}} of a
 * socket that binds later (a listener's) is made once that socket has bound. Thread-safe.
 */
public class ZmqTemplateFactory {
    private static final Log LOG = LogFactory.getLog(ZmqTemplateFactory.class);
    /** The declared types that become templates; the others are receiving sockets for listeners. */
    public static final Set<SocketType> SENDING_TYPES = EnumSet.of(
            SocketType.PUSH,
            SocketType.PUB,
            SocketType.XPUB,
            SocketType.PAIR,
            SocketType.DEALER,
            SocketType.REQ,
            SocketType.CLIENT,
            SocketType.SCATTER,
            SocketType.RADIO);

    private final ZmqSocketFactory sockets;
    private final PayloadConverter converter;
    private final ObservationRegistry observations;
    private final ZmqMetrics metrics;
    private final Duration shutdownTimeout;

    public ZmqTemplateFactory(
            ZmqSocketFactory sockets,
            PayloadConverter converter,
            ObservationRegistry observations,
            ZmqMetrics metrics,
            Duration shutdownTimeout) {
        this.sockets = sockets;
        this.converter = converter;
        this.observations = observations;
        this.metrics = metrics;
        this.shutdownTimeout = shutdownTimeout;
    }

    public ZmqTemplate create(String name, SocketProperties properties) {
        String prefix = "zmq.sockets." + name;
        SocketType declared = properties.getType();
        SocketType actual = declared == SocketType.REQ ? SocketType.DEALER : declared;
        Socket socket = sockets.create(prefix, actual, properties);
        ZmqSocketFactory.Attachment attachment;
        try {
            attachment = sockets.attachAwaitingBinds(name, prefix, socket, properties);
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
        List<String> bound = attachment.bound();
        if (ZmqTemplate.isRequestReply(declared)) {
            metrics.registerTemplateRequestTimer(name, declared);
        }
        sockets.announceBound(name, bound);
        SocketMeters meters = metrics.forSocket(name, declared);
        ZmqTemplate template = new ZmqTemplate(
                name,
                declared,
                bound,
                converter,
                observations,
                meters,
                properties.getRequestTimeout(),
                channel(name, prefix, properties, socket, attachment.awaitingBind(), meters));
        for (String endpoint : attachment.awaitingBind()) {
            connectOnceBound(name, prefix + ".connect", endpoint, template);
        }
        return template;
    }

    /** How the template reaches its socket: directly for a SCATTER or RADIO, one request at a time for a CLIENT. */
    private TemplateChannel channel(
            String name,
            String prefix,
            SocketProperties properties,
            Socket socket,
            List<String> awaitingBind,
            SocketMeters meters) {
        return switch (properties.getType()) {
            case SCATTER, RADIO -> new ScatterChannel(name, properties.getType(), socket, meters);
            case CLIENT ->
                new ClientRequestChannel(
                        name,
                        socket,
                        later -> reopen(name, prefix, properties, awaitingBind, later),
                        meters,
                        shutdownTimeout);
            default ->
                new SocketLoopChannel(
                        name,
                        sockets.context(),
                        socket,
                        ZmqTemplate.isRequestReply(properties.getType()),
                        meters,
                        shutdownTimeout);
        };
    }

    /**
     * A CLIENT template's replacement socket, made as the first one was (options, customizers, health), connected to
     * the declared endpoints but those still awaiting a bind, plus {@code later}: those that were, since.
     */
    private Socket reopen(
            String name, String prefix, SocketProperties properties, List<String> awaitingBind, List<String> later) {
        SocketProperties replacement = properties.copy();
        List<String> connect = new ArrayList<>(properties.getConnect());
        connect.removeAll(awaitingBind);
        connect.addAll(later);
        replacement.setConnect(connect);
        Socket socket = sockets.create(prefix, properties.getType(), replacement);
        try {
            sockets.attach(name, prefix, socket, replacement);
            return socket;
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * The template of a socket that connects to one bound later (a listener's, which binds when the listeners start,
     * after every template is created) connects once it has: until then its requests wait, as with no peer.
     */
    private void connectOnceBound(String name, String property, String endpoint, ZmqTemplate template) {
        LOG.info("zmq template '" + name + "' connects to " + endpoint + " once that endpoint is bound");
        sockets.localEndpoints().whenBound(property, endpoint, resolved -> {
            SocketHealthTracker tracker = sockets.health().tracker(name);
            if (tracker != null) {
                tracker.connectEndpointResolved(endpoint, resolved);
            }
            template.connectLater(resolved);
        });
    }
}
