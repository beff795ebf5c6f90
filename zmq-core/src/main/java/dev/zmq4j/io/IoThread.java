package dev.zmq4j.io;

import dev.zmq4j.core.Command;
import dev.zmq4j.core.CommandTarget;
import dev.zmq4j.core.ContextCore;
import dev.zmq4j.core.Mailbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An I/O thread: one {@link Selector} loop that dispatches channel readiness to {@link IoHandler}s, fires timers
 * and executes the commands of its mailbox. The mailbox wakes the selector only when the loop has declared that
 * it is going to block, so a busy loop is never interrupted and an idle one sleeps without spinning.
 *
 * <p>One connection's failure stays that connection's: an unexpected exception (a bug), an
 * {@link OutOfMemoryError} or a {@link StackOverflowError} escaping a handler, a timer or a command is logged, the
 * object it concerns is told ({@link TimerHandler#handlerFailed}, {@link CommandTarget#commandFailed}) and gives up
 * that connection, and the loop goes on serving the others. Anything else (another {@link Error}, a broken
 * selector) ends the thread: it closes every channel it served and tells its context, which then fails further
 * calls with ETERM and closes within a bounded time instead of waiting for acknowledgements that will never come.
 *
 * <p>Everything registered here is touched only by this thread; other threads reach it through commands.
 */
public final class IoThread extends CommandTarget implements Runnable {
    private static final System.Logger LOG = System.getLogger(IoThread.class.getName());

    private final Selector selector;
    private final Thread thread;
    private final TimerHeap timers = new TimerHeap();
    private final AtomicInteger load = new AtomicInteger();
    /*
     * One read and one write buffer for all the connections of this thread, since only one of them reads or writes at
     * a time: an idle connection then holds no buffer of its own, only the few bytes of a frame cut off at the end of
     * a read or a write the kernel did not take whole (libzmq's engines keep such buffers per connection, 8 KiB each).
     */
    private final ByteBuffer sharedInput = ByteBuffer.allocate(SHARED_BUFFER_SIZE);
    private final ByteBuffer sharedOutput = ByteBuffer.allocate(SHARED_BUFFER_SIZE);

    /** The size of the buffers the connections of a thread share for reading and writing. */
    public static final int SHARED_BUFFER_SIZE = 64 * 1024;

    /** Most write buffers a thread keeps for its connections to borrow while their output is busy. */
    static final int MAX_SPARE_BUFFERS = 16;
    /*
     * Write buffers given back by connections whose output went idle, lent again to the next one that needs one: a
     * connection that alternates between bursts and idleness (most of them) then costs no allocation per burst.
     */
    private final ArrayDeque<ByteBuffer> spareBuffers = new ArrayDeque<>();

    private boolean stopping;

    public IoThread(ContextCore context, String name) {
        super(context, new Mailbox(name));
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for " + name, e);
        }
        mailbox().setWakeup(selector::wakeup);
        thread = new Thread(this, name);
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public void join() throws InterruptedException {
        thread.join();
    }

    /** Waits at most {@code millis} (0: forever) for the thread to end. */
    public void join(long millis) throws InterruptedException {
        thread.join(millis);
    }

    public boolean isAlive() {
        return thread.isAlive();
    }

    /** How many channels this thread serves; new connections go to the least loaded thread. */
    public int load() {
        return load.get();
    }

    /** Registers a channel with no interest yet; on this thread only. */
    public SelectionKey register(SelectableChannel channel, IoHandler handler) {
        try {
            SelectionKey key = channel.register(selector, 0, handler);
            load.incrementAndGet();
            return key;
        } catch (ClosedChannelException e) {
            throw new IllegalStateException("registering a closed channel", e);
        }
    }

    /** Cancels a registration made with {@link #register}; on this thread only. */
    public void unregister(SelectionKey key) {
        key.cancel();
        load.decrementAndGet();
    }

    /**
     * The thread's read buffer, cleared, for one read and the decoding that follows it; whatever is left in it must be
     * copied out before the handler returns. On this thread only.
     */
    public ByteBuffer sharedInputBuffer() {
        return sharedInput.clear();
    }

    /**
     * The thread's write buffer, cleared, for one round of encoding and writing; what the kernel does not take must be
     * copied out before the handler returns. On this thread only.
     */
    public ByteBuffer sharedOutputBuffer() {
        return sharedOutput.clear();
    }

    /** A cleared buffer of {@link #SHARED_BUFFER_SIZE} bytes for one connection to keep until it gives it back. */
    public ByteBuffer borrowBuffer() {
        ByteBuffer spare = spareBuffers.poll();
        return spare != null ? spare.clear() : ByteBuffer.allocate(SHARED_BUFFER_SIZE);
    }

    /** Takes back a buffer from {@link #borrowBuffer()}, which the connection no longer uses. */
    public void giveBack(ByteBuffer buffer) {
        if (buffer.capacity() == SHARED_BUFFER_SIZE && spareBuffers.size() < MAX_SPARE_BUFFERS) {
            spareBuffers.push(buffer);
        }
    }

    /** Starts a timer; on this thread only. */
    public Timer addTimer(long delayMillis, TimerHandler handler, int id) {
        return timers.add(delayMillis, handler, id);
    }

    /** Cancels a timer returned by {@link #addTimer}; on this thread only. */
    public void cancelTimer(Timer timer) {
        timer.cancel();
    }

    @Override
    protected void processStop() {
        stopping = true;
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                runOnce(-1);
            }
        } catch (IOException | RuntimeException | Error e) {
            died(e);
        } finally {
            closeSelector();
        }
    }

    private void died(Throwable cause) {
        try {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "I/O thread " + thread.getName() + " died; its connections are closed and its context can only"
                            + " be closed",
                    cause);
        } catch (RuntimeException | Error loggingFailed) {
            // Logging can fail for the same reason the thread did (no file descriptor left): still clean up. It
            // can even throw the same instance (a preallocated OutOfMemoryError), which cannot suppress itself.
            if (loggingFailed != cause) {
                cause.addSuppressed(loggingFailed);
            }
        }
        // The peers see their connections end, and the descriptors are not left to the garbage collector.
        for (SelectionKey key : selector.keys()) {
            closeQuietly(key);
        }
        if (context() != null) {
            context().ioThreadDied(thread.getName(), cause);
        }
    }

    private static void closeQuietly(SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a channel of a failed handler", e);
        }
    }

    /**
     * Releases the selector. The thread's own loop does it when it stops; a loop stepped by hand with
     * {@link #runOnce} (never started) calls it when done.
     */
    public void closeSelector() {
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing selector", e);
        }
    }

    /**
     * One turn of the loop: the mailbox's commands, the expired timers, then the ready channels, waiting for one
     * at most {@code maxWaitMillis} (0: not at all; negative: until a channel, a timer or a command needs the
     * thread). The thread's own loop runs it forever; a test that never started the thread runs it by hand, as an
     * Aeron duty cycle is stepped, and is then this I/O thread for everything registered here.
     *
     * @return how many commands, timers and channel events it handled, so a caller can step until idle
     */
    public int runOnce(long maxWaitMillis) throws IOException {
        // Commands first: their handlers may set timers that the wait below must honour.
        int work = executeCommands();
        if (stopping) {
            return work;
        }
        long untilNextTimer = timers.fireExpired(this::timerFailed);
        work += timers.firedInLastCall();
        if (maxWaitMillis != 0 && mailbox().prepareToSleep()) {
            long waitMillis = untilNextTimer < 0 ? 0 : Math.max(1, (untilNextTimer + 999_999) / 1_000_000);
            if (maxWaitMillis > 0) {
                // Selector.select(0) waits forever: a bounded wait is never 0.
                waitMillis = waitMillis == 0 ? maxWaitMillis : Math.min(waitMillis, maxWaitMillis);
            }
            work += selector.select(this::dispatch, waitMillis);
            mailbox().awake();
        } else {
            work += selector.selectNow(this::dispatch);
        }
        return work;
    }

    private int executeCommands() {
        int count = 0;
        Command command;
        while ((command = mailbox().poll()) != null) {
            try {
                command.dispatch();
            } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                commandFailed(command, e);
            }
            count++;
        }
        return count;
    }

    private void commandFailed(Command command, Throwable failure) {
        LOG.log(
                System.Logger.Level.ERROR,
                "unexpected failure handling " + command + " on " + thread.getName(),
                failure);
        if (context() != null) {
            // The own tree may have lost an acknowledgement: closing the context must not wait for it forever.
            context().commandFailed();
        }
        try {
            command.destination().commandFailed(failure);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError again) {
            LOG.log(System.Logger.Level.ERROR, "recovering from the failure failed too", again);
        }
    }

    private void timerFailed(TimerHandler handler, Throwable failure) {
        LOG.log(
                System.Logger.Level.ERROR,
                "unexpected failure in a timer of " + handler + " on " + thread.getName(),
                failure);
        try {
            handler.handlerFailed(failure);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError again) {
            LOG.log(System.Logger.Level.ERROR, "recovering from the failure failed too", again);
        }
    }

    /** A handler's event threw: the handler gives up its connection; if even that fails, its channel is closed. */
    private void handlerFailed(SelectionKey key, IoHandler handler, Throwable failure) {
        LOG.log(
                System.Logger.Level.ERROR,
                "unexpected failure in " + handler + " on " + thread.getName() + "; closing that connection",
                failure);
        try {
            handler.handlerFailed(failure);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError again) {
            LOG.log(System.Logger.Level.ERROR, "recovering from the failure failed too; closing its channel", again);
            if (key.isValid()) {
                unregister(key);
                closeQuietly(key);
            }
        }
    }

    private void dispatch(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        IoHandler handler = (IoHandler) key.attachment();
        try {
            dispatch(key, handler);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            handlerFailed(key, handler, e);
        }
    }

    private static void dispatch(SelectionKey key, IoHandler handler) {
        int ready = key.readyOps();
        if ((ready & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0) {
            handler.inEvent();
            if (!key.isValid()) {
                return;
            }
        }
        if ((ready & SelectionKey.OP_CONNECT) != 0) {
            handler.connectEvent();
            if (!key.isValid()) {
                return;
            }
        }
        if ((ready & SelectionKey.OP_WRITE) != 0) {
            handler.outEvent();
        }
    }

    @Override
    public String toString() {
        return thread.getName();
    }
}
