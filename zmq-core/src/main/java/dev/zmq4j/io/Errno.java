package dev.zmq4j.io;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

/**
 * The errno values (Linux numbering) that socket events carry, as libzmq reports them. The JDK hides errno behind
 * exception messages, so {@link #of(IOException)} reads the message: good enough for a monitoring value, never used
 * to decide anything.
 *
 * <p>Stateless and thread-safe.
 */
public final class Errno {
    public static final int EIO = 5;
    public static final int EAGAIN = 11;
    public static final int EACCES = 13;
    public static final int EMFILE = 24;
    public static final int EPIPE = 32;
    public static final int EADDRINUSE = 98;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ECONNABORTED = 103;
    public static final int ECONNRESET = 104;
    public static final int ETIMEDOUT = 110;
    public static final int ECONNREFUSED = 111;
    public static final int EHOSTUNREACH = 113;
    public static final int EINPROGRESS = 115;
    public static final int ENOENT = 2;

    private Errno() {}

    /** The errno the operating system most likely reported for {@code e}. */
    public static int of(IOException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("address already in use")) {
            return EADDRINUSE;
        }
        if (message.contains("cannot assign requested address")) {
            return EADDRNOTAVAIL;
        }
        if (message.contains("connection refused")) {
            return ECONNREFUSED;
        }
        if (message.contains("connection reset")) {
            return ECONNRESET;
        }
        if (message.contains("broken pipe")) {
            return EPIPE;
        }
        if (message.contains("timed out")) {
            return ETIMEDOUT;
        }
        if (message.contains("too many open files")) {
            return EMFILE;
        }
        if (message.contains("permission denied")) {
            return EACCES;
        }
        if (message.contains("no such file")) {
            return ENOENT;
        }
        if (message.contains("no route to host")) {
            return EHOSTUNREACH;
        }
        if (e instanceof ConnectException) {
            return ECONNREFUSED;
        }
        if (e instanceof BindException) {
            return EADDRINUSE;
        }
        if (e instanceof ClosedChannelException) {
            return EPIPE;
        }
        return EIO;
    }
}
