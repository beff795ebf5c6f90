package dev.zmq4j.spring.listener;

import dev.zmq4j.spring.support.ZmqErrorReplies;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs the failure and answers with the two-frame {@code zmq4j-error} reply naming the root cause, which
 * {@code ZmqTemplate} turns back into a {@code ZmqRemoteException}. Stateless, thread-safe.
 */
public class DefaultZmqListenerErrorHandler implements ZmqListenerErrorHandler {
    private static final Log LOG = LogFactory.getLog(DefaultZmqListenerErrorHandler.class);

    @Override
    public Object handleError(
            org.springframework.messaging.Message<?> request, ListenerExecutionFailedException exception) {
        Throwable cause = exception.getCause() != null ? exception.getCause() : exception;
        LOG.warn("zmq listener '" + exception.getListenerId() + "' failed; answering with an error reply", cause);
        return ZmqErrorReplies.of(cause);
    }
}
