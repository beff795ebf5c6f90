package dev.zmq4j.io;

import dev.zmq4j.core.Command;
import dev.zmq4j.core.CommandTarget;
import dev.zmq4j.core.ContextCore;
import dev.zmq4j.core.Mailbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An I/O thread: one {@link Selector} loop that dispatches channel readiness to {@link IoHandler}s, fires timers
 * and executes the commands of its mailbox. The mailbox wakes the selector only when the loop has declared that
 * it is going to block, so a busy loop is never interrupted and an idle one sleeps without spinning.
 *
 * <p>Everything registered here is touched only by this thread; other threads reach it through commands.
 */
public final class IoThread extends CommandTarget implements Runnable {
    private static final System.Logger LOG = System.getLogger(IoThread.class.getName());

    private final Selector selector;
    private final Thread thread;
    private final TimerHeap timers = new TimerHeap();
    private final AtomicInteger load = new AtomicInteger();
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

    /** Starts a timer; on this thread only. */
    public Object addTimer(long delayMillis, TimerHandler handler, int id) {
        return timers.add(delayMillis, handler, id);
    }

    /** Cancels a timer returned by {@link #addTimer}; on this thread only. */
    public void cancelTimer(Object timer) {
        ((TimerHeap.Timer) timer).cancel();
    }

    @Override
    protected void processStop() {
        stopping = true;
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                // Commands first: their handlers may set timers that the wait below must honour.
                executeCommands();
                if (stopping) {
                    break;
                }
                long untilNextTimer = timers.fireExpired();
                if (mailbox().prepareToSleep()) {
                    long waitMillis = untilNextTimer < 0 ? 0 : Math.max(1, (untilNextTimer + 999_999) / 1_000_000);
                    selector.select(this::dispatch, waitMillis);
                    mailbox().awake();
                } else {
                    selector.selectNow(this::dispatch);
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "I/O thread " + thread.getName() + " failed", e);
        } finally {
            try {
                selector.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing selector", e);
            }
        }
    }

    private void executeCommands() {
        Command command;
        while ((command = mailbox().poll()) != null) {
            command.dispatch();
        }
    }

    private void dispatch(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        IoHandler handler = (IoHandler) key.attachment();
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
