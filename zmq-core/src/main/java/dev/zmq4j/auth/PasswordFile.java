package dev.zmq4j.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A PLAIN password file as czmq's zauth reads it: one {@code name=password} a line; lines starting with {@code #}
 * or {@code =}, and lines without {@code =}, are skipped; the password is everything after the first {@code =}
 * (a trailing carriage return is kept, as czmq keeps it). The file is read again when its modification time or size
 * changes, checked at each lookup, so an operator can edit it while the service runs. A file that does not exist
 * (yet) lets nobody in.
 *
 * <p>Thread-safe: lookups may come from any thread; a reload replaces the whole table at once.
 */
public final class PasswordFile {
    private static final System.Logger LOG = System.getLogger(PasswordFile.class.getName());

    private final Path path;
    private volatile Snapshot snapshot = new Snapshot(-1, -1, Map.of());

    private record Snapshot(long modified, long size, Map<String, String> passwords) {}

    public PasswordFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** Whether {@code password} is the one the file gives {@code username}. */
    public boolean matches(String username, String password) {
        String expected = current().passwords().get(username);
        return expected != null && constantTimeEquals(expected, password);
    }

    private Snapshot current() {
        Snapshot known = snapshot;
        try {
            long modified = Files.getLastModifiedTime(path).toMillis();
            long size = Files.size(path);
            if (modified == known.modified() && size == known.size()) {
                return known;
            }
            synchronized (this) {
                Snapshot loaded = new Snapshot(modified, size, parse(Files.readAllLines(path, StandardCharsets.UTF_8)));
                snapshot = loaded;
                return loaded;
            }
        } catch (NoSuchFileException e) {
            snapshot = new Snapshot(-1, -1, Map.of());
            return snapshot;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot read the password file " + path + ": " + e.getMessage());
            return known;
        }
    }

    static Map<String, String> parse(List<String> lines) {
        Map<String, String> passwords = new HashMap<>();
        for (String line : lines) {
            int equals = line.indexOf('=');
            if (line.startsWith("#") || equals <= 0) {
                continue;
            }
            passwords.put(line.substring(0, equals), line.substring(equals + 1));
        }
        return passwords;
    }

    private static boolean constantTimeEquals(String a, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        int difference = x.length ^ y.length;
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            difference |= x[i] ^ y[i];
        }
        return difference == 0;
    }

    @Override
    public String toString() {
        return "PasswordFile[" + path + "]";
    }
}
