package dev.zmq4j.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A list of ZMTP metadata properties, as carried by READY, INITIATE and ZAP replies (23/ZMTP and 37/ZMTP, "Connection
 * Metadata"). Each property on the wire:
 *
 * <pre>
 *  +-------------+------------------+---------------------------+-------------------------+
 *  | name length | name             | value length              | value                   |
 *  | 1 octet     | 1..255 octets    | 4 octets, big-endian,     | 0..2^31-1 octets        |
 *  | 1..255      | [A-Za-z0-9-_.+]  | top bit clear             |                         |
 *  +-------------+------------------+---------------------------+-------------------------+
 * </pre>
 *
 * <p>Properties keep insertion order, and {@link #put} of an existing name replaces its value in place. Names are
 * compared case-insensitively as the RFC asks; libzmq however compares {@code Socket-Type} and {@code Identity}
 * case-sensitively, so send exactly those spellings ({@link #SOCKET_TYPE}, {@link #IDENTITY}). Parsing is lenient on
 * the name alphabet (libzmq does not check it either) but strict on lengths, and it refuses more than
 * {@link #MAX_PROPERTIES} properties. Lookups go through an index on the lower-cased name, so parsing a long list
 * costs time in proportion to its length.
 *
 * <p>Not thread-safe; a metadata object is built and read by one thread, or published safely.
 */
public final class Metadata {
    public static final String SOCKET_TYPE = "Socket-Type";
    public static final String IDENTITY = "Identity";
    public static final String RESOURCE = "Resource";
    public static final String USER_ID = "User-Id";

    /**
     * Most properties a parsed list may hold. Peers send a handful (Socket-Type, Identity, a few X- properties);
     * the bound keeps a hostile list from costing more than a legitimate one could.
     */
    public static final int MAX_PROPERTIES = 1024;

    private final List<String> names = new ArrayList<>();
    private final List<byte[]> values = new ArrayList<>();
    /** Lower-cased name to its position in {@link #names}. */
    private final Map<String, Integer> positions = new HashMap<>();

    /**
     * Adds a property, or replaces the value of an existing one with the same (case-insensitive) name.
     *
     * @throws IllegalArgumentException if the name is empty, longer than 255 characters or outside
     *     {@code [A-Za-z0-9-_.+]}
     */
    public Metadata put(String name, byte[] value) {
        checkName(name);
        return putUnchecked(name, value.clone());
    }

    /** Adds or replaces a property whose value is the UTF-8 encoding of {@code value}. */
    public Metadata put(String name, String value) {
        checkName(name);
        return putUnchecked(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The value of the property named {@code name} (case-insensitively), or null if absent. Do not modify it. */
    public byte[] get(String name) {
        int index = indexOf(name);
        return index < 0 ? null : values.get(index);
    }

    /** The value decoded as UTF-8, or null if absent. */
    public String getString(String name) {
        byte[] value = get(name);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    public boolean contains(String name) {
        return indexOf(name) >= 0;
    }

    /** The property names in insertion order. */
    public List<String> names() {
        return Collections.unmodifiableList(names);
    }

    public int size() {
        return names.size();
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }

    /** Number of bytes {@link #encode()} produces. */
    public int encodedSize() {
        int total = 0;
        for (int i = 0; i < names.size(); i++) {
            total += 1 + names.get(i).length() + 4 + values.get(i).length;
        }
        return total;
    }

    public byte[] encode() {
        byte[] out = new byte[encodedSize()];
        encodeInto(out, 0);
        return out;
    }

    /** Writes the properties into {@code out} at {@code offset}; returns the offset just past them. */
    public int encodeInto(byte[] out, int offset) {
        int position = offset;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            byte[] value = values.get(i);
            out[position++] = (byte) name.length();
            for (int c = 0; c < name.length(); c++) {
                out[position++] = (byte) name.charAt(c);
            }
            int length = value.length;
            out[position++] = (byte) (length >>> 24);
            out[position++] = (byte) (length >>> 16);
            out[position++] = (byte) (length >>> 8);
            out[position++] = (byte) length;
            System.arraycopy(value, 0, out, position, length);
            position += length;
        }
        return position;
    }

    /**
     * Reads the properties in {@code data[offset .. offset + length)}. Names are read as ISO-8859-1 so that any byte
     * survives; a repeated name replaces the earlier value.
     *
     * @throws ProtocolException if a property is truncated, has an empty name, or a value length with the top bit set
     *     or beyond the data
     * @throws IndexOutOfBoundsException if {@code offset} and {@code length} do not lie within {@code data}
     */
    public static Metadata parse(byte[] data, int offset, int length) throws ProtocolException {
        Objects.checkFromIndexSize(offset, length, data.length);
        Metadata metadata = new Metadata();
        int position = offset;
        int end = offset + length;
        while (position < end) {
            int nameLength = data[position++] & 0xFF;
            if (nameLength == 0) {
                throw new ProtocolException(
                        "metadata property at offset " + (position - 1 - offset) + " has an empty name");
            }
            if (end - position < nameLength) {
                throw new ProtocolException("metadata property name of " + nameLength + " bytes is truncated");
            }
            String name = new String(data, position, nameLength, StandardCharsets.ISO_8859_1);
            position += nameLength;
            if (end - position < 4) {
                throw new ProtocolException("metadata property " + name + " has a truncated value length");
            }
            int valueLength = ((data[position] & 0xFF) << 24)
                    | ((data[position + 1] & 0xFF) << 16)
                    | ((data[position + 2] & 0xFF) << 8)
                    | (data[position + 3] & 0xFF);
            position += 4;
            if (valueLength < 0) {
                throw new ProtocolException("metadata property " + name + " has a value length with the top bit set");
            }
            if (end - position < valueLength) {
                throw new ProtocolException("metadata property " + name + " announces " + valueLength
                        + " value bytes but only " + (end - position) + " remain");
            }
            if (metadata.size() == MAX_PROPERTIES && !metadata.contains(name)) {
                throw new ProtocolException("metadata holds more than " + MAX_PROPERTIES + " properties");
            }
            byte[] value = new byte[valueLength];
            System.arraycopy(data, position, value, 0, valueLength);
            position += valueLength;
            metadata.putUnchecked(name, value);
        }
        return metadata;
    }

    private Metadata putUnchecked(String name, byte[] value) {
        int existing = indexOf(name);
        if (existing >= 0) {
            values.set(existing, value);
        } else {
            positions.put(key(name), names.size());
            names.add(name);
            values.add(value);
        }
        return this;
    }

    private int indexOf(String name) {
        Integer position = positions.get(key(name));
        return position == null ? -1 : position;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static void checkName(String name) {
        if (name.isEmpty() || name.length() > 255) {
            throw new IllegalArgumentException("metadata name must be 1..255 characters: \"" + name + "\"");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '+';
            if (!allowed) {
                throw new IllegalArgumentException(
                        "metadata name \"" + name + "\" has a character outside " + "[A-Za-z0-9-_.+] at index " + i);
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Metadata[");
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(names.get(i)).append('=').append(values.get(i).length).append(" B");
        }
        return text.append(']').toString();
    }
}
