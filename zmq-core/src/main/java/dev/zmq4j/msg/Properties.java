package dev.zmq4j.msg;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The properties of one connection, which every message received on it carries (libzmq's metadata_t, read with
 * {@code zmq_msg_gets}): "Peer-Address", the "User-Id" and metadata a ZAP handler returned, and the properties the
 * peer announced in its handshake ("Socket-Type", "Identity", application "X-" properties). Names are compared
 * case-insensitively, as 23/ZMTP says. The engine builds one set per connection when the handshake succeeds; it
 * reaches the socket through the pipe, ahead of the connection's first message (see {@code Pipe}).
 *
 * <p>Immutable and thread-safe.
 */
public final class Properties {
    public static final String PEER_ADDRESS = "Peer-Address";
    public static final String USER_ID = "User-Id";

    private final Map<String, byte[]> values;

    private Properties(Map<String, byte[]> values) {
        this.values = values;
    }

    /** The value of property {@code name} as UTF-8 text, or null when the connection has no such property. */
    public String get(String name) {
        byte[] value = values.get(name);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        // Values may be credentials a handler chose to expose: names only.
        return "Properties" + values.keySet();
    }

    /**
     * Collects properties. The first value given for a name stays, as in libzmq (whose engine adds Peer-Address,
     * then what ZAP returned, then what the peer announced), so a peer cannot override what ZAP said about it.
     * Not thread-safe.
     */
    public static final class Builder {
        private final Map<String, byte[]> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        private Builder() {}

        public Builder put(String name, byte[] value) {
            values.putIfAbsent(name, value.clone());
            return this;
        }

        public Builder put(String name, String value) {
            values.putIfAbsent(name, value.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        public Properties build() {
            TreeMap<String, byte[]> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            copy.putAll(values);
            return new Properties(copy);
        }
    }
}
