package dev.zmq4j.io;

import dev.zmq4j.core.Command;
import dev.zmq4j.core.CommandTarget;
import dev.zmq4j.core.ContextCore;
import dev.zmq4j.core.Mailbox;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The thread that finishes closing sockets. When the application closes a socket, the socket's mailbox is handed
 * over to the reaper, which keeps processing the socket's commands (pipe and child termination, lingering) until
 * the socket is destroyed, so that {@code close()} never blocks the application.
 *
 * <p>It sleeps parked; its own mailbox and every adopted socket's mailbox wake it when a command arrives.
 */
public final class Reaper extends CommandTarget implements Runnable {
    private static final System.Logger LOG = System.getLogger(Reaper.class.getName());

    private final Thread thread;
    private final List<Reapable> sockets = new ArrayList<>();
    private boolean stopRequested;

    public Reaper(ContextCore context) {
        super(context, new Mailbox("zmq4j-reaper"));
        thread = new Thread(this, "zmq4j-reaper");
        thread.setDaemon(true);
        mailbox().setWakeup(this::wake);
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

    /** Wakes the reaper; called from any thread. */
    public void wake() {
        LockSupport.unpark(thread);
    }

    @Override
    protected void processReap(Reapable socket) {
        sockets.add(socket);
        socket.startReaping(this::wake);
    }

    @Override
    protected void processStop() {
        stopRequested = true;
    }

    @Override
    public void run() {
        try {
            while (true) {
                Command command;
                while ((command = mailbox().poll()) != null) {
                    command.dispatch();
                }
                for (int i = sockets.size() - 1; i >= 0; i--) {
                    Reapable socket = sockets.get(i);
                    socket.processCommandsWhileReaping();
                    if (socket.isDestroyed()) {
                        sockets.remove(i);
                        context().socketReaped(socket);
                    }
                }
                if (stopRequested && sockets.isEmpty()) {
                    return;
                }
                if (prepareToSleep()) {
                    LockSupport.park(this);
                }
                mailbox().awake();
                for (Reapable socket : sockets) {
                    socket.mailbox().awake();
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "the reaper failed", e);
        }
    }

    private boolean prepareToSleep() {
        if (!mailbox().prepareToSleep()) {
            return false;
        }
        for (Reapable socket : sockets) {
            if (!socket.mailbox().prepareToSleep()) {
                return false;
            }
        }
        return true;
    }
}
