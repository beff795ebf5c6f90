package dev.zmq4j.spring.listener;

import dev.zmq4j.Socket;
import dev.zmq4j.spring.config.ListenerDefinition;
import dev.zmq4j.spring.support.ZmqSocketFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A listener on a thread-safe socket (SERVER, GATHER, DISH; {@link dev.zmq4j.SocketType#isThreadSafe()}), at any
 * concurrency: N reader threads share the one socket, each blocked in its own receive, each handling the message it
 * took and (SERVER) sending the reply to its routing id. There is no front thread and no inproc hop: the worker pool
 * of {@link WorkerPoolListenerContainer} exists because a classic socket belongs to one thread, and this one does
 * not. For the same reason a listener future's reply is sent by the thread that completes the future, and a reader
 * does not wait for it: futures do not count against the concurrency. See {@link SharedSocketReaders} for how the
 * readers are woken, paused and stopped.
 *
 * <p>Thread rule: the container thread creates, binds and closes the socket and waits for the readers in between;
 * the readers and the threads completing futures receive and send on it. {@code start}/{@code stop}/{@code pause}/
 * {@code resume} are thread-safe.
 */
public final class SharedSocketListenerContainer extends ThreadedListenerContainer {

    public SharedSocketListenerContainer(
            ListenerDefinition definition,
            ZmqSocketFactory sockets,
            RequestDispatcher dispatcher,
            Duration shutdownTimeout) {
        super(definition, sockets, dispatcher, shutdownTimeout);
    }

    /** The container thread waits for the readers and the futures within the shutdown timeout, then closes. */
    @Override
    protected Duration stopWaitLimit() {
        return shutdownTimeout.multipliedBy(2);
    }

    @Override
    protected void run(CompletableFuture<List<String>> ready) {
        Socket socket = openSocket(ready);
        if (socket == null) {
            return;
        }
        try {
            SharedSocketReaders readers = new SharedSocketReaders(this, socket, definition.concurrency());
            wakeThrough(readers::wake);
            readers.start("zmq4j-listener-" + definition.listenerId() + "-");
            readers.awaitFinished();
        } finally {
            // Ends the calls of readers still inside one (a handler that outlived the timeout) with ENOTSOCK.
            socket.close();
        }
    }

    // For the readers, which run on threads of their own but belong to this container.

    boolean readerStopRequested() {
        return stopRequested();
    }

    boolean readerPauseRequested() {
        return pauseRequested();
    }

    void readersPaused(boolean nowPaused) {
        readingPaused(nowPaused);
    }

    String listenerId() {
        return definition.listenerId();
    }

    RequestDispatcher dispatcher() {
        return dispatcher;
    }

    Duration shutdownTimeout() {
        return shutdownTimeout;
    }
}
