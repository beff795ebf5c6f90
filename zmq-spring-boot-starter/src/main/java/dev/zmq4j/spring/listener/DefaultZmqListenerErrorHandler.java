package dev.zmq4j.spring.listener;

import dev.zmq4j.SocketType;
import dev.zmq4j.spring.support.ZmqErrorReplies;
import dev.zmq4j.spring.support.ZmqHeaders;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.logging.LogLevel;

/**
 * Logs the failure once and answers with the two-frame {@code zmq4j-error} reply naming the root cause, which
 * {@code ZmqTemplate} turns back into a {@code ZmqRemoteException}. A one-way listener (PULL, SUB) has no one to
 * answer: the log says the message is dropped, and the returned reply is ignored by the caller.
 *
 * <p>The entry is written at the configured level ({@code zmq.listener.failure-log-level}, WARN by default). An
 * exception that became an error reply is the listener's business, already told to the caller: one line without
 * the stack trace, which is added when this logger is at DEBUG. A dropped one-way message, or an {@link Error},
 * is logged with its stack trace, since nobody else hears of it. Stateless, thread-safe.
 */
public class DefaultZmqListenerErrorHandler implements ZmqListenerErrorHandler {
    private static final Log LOG = LogFactory.getLog(DefaultZmqListenerErrorHandler.class);

    private final LogLevel level;

    public DefaultZmqListenerErrorHandler() {
        this(LogLevel.WARN);
    }

    /** @param level the level of the one entry per failure; {@link LogLevel#OFF} logs nothing */
    public DefaultZmqListenerErrorHandler(LogLevel level) {
        this.level = level;
    }

    @Override
    public Object handleError(
            org.springframework.messaging.Message<?> request, ListenerExecutionFailedException exception) {
        Throwable cause = exception.getCause() != null ? exception.getCause() : exception;
        SocketType type = socketType(request);
        String message =
                "zmq listener '" + exception.getListenerId() + "' failed; " + InboundMessage.afterFailure(type);
        boolean answered = InboundMessage.replies(type) && cause instanceof Exception;
        if (answered && !LOG.isDebugEnabled()) {
            log(message + ": " + cause, null);
        } else {
            log(message, cause);
        }
        return ZmqErrorReplies.of(cause);
    }

    private void log(String message, Throwable cause) {
        switch (level) {
            case TRACE -> LOG.trace(message, cause);
            case DEBUG -> LOG.debug(message, cause);
            case INFO -> LOG.info(message, cause);
            case WARN -> LOG.warn(message, cause);
            case ERROR, FATAL -> LOG.error(message, cause);
            case OFF -> {}
        }
    }

    private static SocketType socketType(org.springframework.messaging.Message<?> request) {
        Object type = request.getHeaders().get(ZmqHeaders.SOCKET_TYPE);
        // No header: a message built by hand, not by a listener; say what a replying listener would do.
        return type == null ? SocketType.REP : SocketType.valueOf(type.toString());
    }
}
