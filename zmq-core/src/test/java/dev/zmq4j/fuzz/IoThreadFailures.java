package dev.zmq4j.fuzz;

import dev.zmq4j.io.IoThread;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Catches what an I/O thread logs at ERROR: an exception that escaped a handler, a timer or a command. The thread
 * survives those by design (issue 12 item 2), so a fuzz target cannot see them as exceptions; it sees them here.
 * Relies on the JDK's default System.Logger, which writes to java.util.logging.
 */
final class IoThreadFailures extends Handler {
    private static final Logger LOGGER = Logger.getLogger(IoThread.class.getName());
    private final List<LogRecord> records = new ArrayList<>();

    /** Starts catching; the same instance for every execution of a target. */
    static IoThreadFailures install() {
        IoThreadFailures failures = new IoThreadFailures();
        failures.setLevel(Level.SEVERE);
        LOGGER.addHandler(failures);
        return failures;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
            records.add(record);
        }
    }

    /** Throws the first failure caught since the last call, with its cause, and forgets them all. */
    synchronized void rethrowAny() {
        if (records.isEmpty()) {
            return;
        }
        LogRecord first = records.get(0);
        records.clear();
        throw new AssertionError("an I/O thread logged: " + first.getMessage(), first.getThrown());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
