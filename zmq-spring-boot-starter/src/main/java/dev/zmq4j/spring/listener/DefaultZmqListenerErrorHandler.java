package dev.zmq4j.spring.listener;

import dev.zmq4j.SocketType;
import dev.zmq4j.spring.support.ZmqErrorReplies;
import dev.zmq4j.spring.support.ZmqHeaders;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs the failure and answers with the two-frame {@code zmq4j-error} reply naming the root cause, which
 * {@code ZmqTemplate} turns back into a {@code ZmqRemoteException}. A one-way listener (PULL, SUB) has no one to
 * answer: the log says the message is dropped, and the returned reply is ignored by the caller. Stateless,
 * thread-safe.
 */
public class DefaultZmqListenerErrorHandler implements ZmqListenerErrorHandler {
    private static final Log LOG = LogFactory.getLog(DefaultZmqListenerErrorHandler.class);

    @Override
    public Object handleError(
            org.springframework.messaging.Message<?> request, ListenerExecutionFailedException exception) {
        Throwable cause = exception.getCause() != null ? exception.getCause() : exception;
        LOG.warn("zmq listener '" + exception.getListenerId() + "' failed; " + outcome(request), cause);
        return ZmqErrorReplies.of(cause);
    }

    private static String outcome(org.springframework.messaging.Message<?> request) {
        Object type = request.getHeaders().get(ZmqHeaders.SOCKET_TYPE);
        // No header: a message built by hand, not by a listener; say what a replying listener would do.
        return InboundMessage.afterFailure(type == null ? SocketType.REP : SocketType.valueOf(type.toString()));
    }
}
