package dev.zmq4j.spring.listener.adapter;

import dev.zmq4j.spring.config.SendToTarget;
import dev.zmq4j.spring.core.ZmqTemplate;
import java.util.concurrent.CompletableFuture;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Sends a listener's result to the socket its {@code @SendTo} names, through that socket's {@link ZmqTemplate}
 * (which owns the socket on its own thread, so any listener thread may call it). Forwarding is in addition to the
 * reply of a REP or ROUTER listener and never delays it: a result that cannot be sent is logged at WARN, the reply
 * still goes. A null result forwards nothing. Thread-safe.
 */
public final class SendToForwarder {
    private static final Log LOG = LogFactory.getLog(SendToForwarder.class);

    private final String listenerId;
    private final SendToTarget target;
    private final ZmqTemplate template;

    public SendToForwarder(String listenerId, SendToTarget target, ZmqTemplate template) {
        this.listenerId = listenerId;
        this.target = target;
        this.template = template;
    }

    public void forward(Object result) {
        if (result == null) {
            return;
        }
        CompletableFuture<Void> sent;
        try {
            sent = target.topic() == null ? template.send(result) : template.send(target.topic(), result);
        } catch (RuntimeException e) {
            warn(e);
            return;
        }
        sent.whenComplete((done, failure) -> {
            if (failure != null) {
                warn(failure);
            }
        });
    }

    private void warn(Throwable failure) {
        LOG.warn(
                "zmq listener '" + listenerId + "': could not forward its result to @SendTo socket '"
                        + target.socketName() + "'",
                failure);
    }
}
