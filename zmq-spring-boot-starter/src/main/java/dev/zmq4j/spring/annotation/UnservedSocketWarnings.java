package dev.zmq4j.spring.annotation;

import dev.zmq4j.spring.config.SocketProperties;
import dev.zmq4j.spring.config.ZmqSocketDeclarations;
import dev.zmq4j.spring.core.ZmqTemplateFactory;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The rule for declared sockets nobody uses: a sending socket (PUSH, PUB, XPUB, PAIR, DEALER, REQ) always becomes a
 * {@code ZmqTemplate} bean and is created with it; a receiving one (REP, ROUTER, PULL, SUB) is created, bound and
 * connected only by a {@code @ZmqListener(socket = ...)} that names it; any other type (XSUB) by neither. One that
 * nothing creates once the singletons exist is never bound, so it is reported at WARN here instead of sitting
 * silently in the configuration. Not an error: a
 * listener on a {@code @Lazy} bean may still come, and a declaration can be kept on purpose for a profile.
 * Stateless; used once at startup.
 */
final class UnservedSocketWarnings {
    private static final Log LOG = LogFactory.getLog(UnservedSocketWarnings.class);

    private UnservedSocketWarnings() {}

    /** Logs one warning per declared socket that is no sending socket and whose name is not in {@code listened}. */
    static void report(ZmqSocketDeclarations declarations, Set<String> listened) {
        declarations.all().forEach((name, socket) -> {
            if (!ZmqTemplateFactory.SENDING_TYPES.contains(socket.getType()) && !listened.contains(name)) {
                LOG.warn(warning(name, socket));
            }
        });
    }

    private static String warning(String name, SocketProperties socket) {
        String declared = "zmq.sockets." + name + " (" + socket.getType() + ") is declared but ";
        if (!ListenerDefinitionResolver.LISTENER_TYPES.contains(socket.getType())) {
            return declared + "a " + socket.getType() + " socket neither becomes a ZmqTemplate nor can serve a "
                    + "@ZmqListener, so it is never created, bound or connected";
        }
        return declared + "no @ZmqListener(socket = \"" + name + "\") names it, so it is never created, bound or "
                + "connected; only a listener uses a receiving socket (a listener on a @Lazy bean binds it when that "
                + "bean is created)";
    }
}
