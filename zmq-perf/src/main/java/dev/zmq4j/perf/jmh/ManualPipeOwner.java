package dev.zmq4j.perf.jmh;

import dev.zmq4j.core.Command;
import dev.zmq4j.core.CommandTarget;
import dev.zmq4j.core.Mailbox;
import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.pipe.PipeEvents;

/**
 * Stands in for a socket or a session as the owner of pipe ends, so a {@link Pipe} can be benchmarked without a
 * context: its mailbox is never slept on, and the benchmark dispatches the commands that arrive (activate_read,
 * activate_write) by hand with {@link #processCommands()}, like a duty cycle.
 *
 * <p>Not thread-safe: used only by the one thread that owns its pipe ends. It has no context, so it must not own
 * anything that terminates through the own tree.
 */
final class ManualPipeOwner extends CommandTarget implements PipeEvents {
    private int readActivations;
    private int writeActivations;

    ManualPipeOwner(String name) {
        super(null, new Mailbox(name));
    }

    /** Dispatches every command waiting in the mailbox; returns how many there were (0: nothing to do). */
    int processCommands() {
        int count = 0;
        Command command;
        while ((command = mailbox().poll()) != null) {
            command.dispatch();
            count++;
        }
        return count;
    }

    int readActivations() {
        return readActivations;
    }

    int writeActivations() {
        return writeActivations;
    }

    @Override
    public void readActivated(Pipe pipe) {
        readActivations++;
    }

    @Override
    public void writeActivated(Pipe pipe) {
        writeActivations++;
    }

    @Override
    public void pipeTerminated(Pipe pipe) {
        // Benchmarks never terminate their pipes.
    }
}
