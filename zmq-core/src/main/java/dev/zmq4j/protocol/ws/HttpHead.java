package dev.zmq4j.protocol.ws;

import dev.zmq4j.protocol.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The head of one HTTP/1.1 message of a WebSocket opening handshake (RFC 6455 section 4, RFC 9112 for the syntax):
 * the start line and the header fields, up to the empty line, read as its bytes arrive and never beyond it, so the
 * first WebSocket frame that follows in the same read stays in the caller's buffer.
 *
 * <p>Bounded: a head longer than {@value #MAX_SIZE} bytes, a line without CRLF, a field without a colon or a
 * non-ASCII byte ends it with a {@link ProtocolException}. A peer can make us hold that much and no more. Field names
 * are compared without case; a field that appears more than once keeps its values joined with commas, as RFC 9110
 * allows for list fields.
 *
 * <p>Not thread-safe: one per connection, on its I/O thread.
 */
public final class HttpHead {
    /** Far above what a browser or libzmq sends (a few hundred bytes), far below what would cost a connection much. */
    static final int MAX_SIZE = 8 * 1024;

    private final byte[] bytes = new byte[MAX_SIZE];
    private int size;
    private boolean complete;
    private String startLine;
    private final Map<String, String> fields = new LinkedHashMap<>();

    /**
     * Takes bytes from {@code in} up to the end of the head; true once the head is complete and parsed.
     *
     * @throws ProtocolException if it is too long or malformed
     */
    public boolean receive(ByteBuffer in) throws ProtocolException {
        while (!complete && in.hasRemaining()) {
            if (size == MAX_SIZE) {
                throw new ProtocolException("an HTTP head longer than " + MAX_SIZE + " bytes");
            }
            byte next = in.get();
            if (next < 0 || (next < 0x20 && next != '\r' && next != '\n' && next != '\t')) {
                throw new ProtocolException("an HTTP head with a byte that is not printable ASCII");
            }
            bytes[size++] = next;
            complete = size >= 4
                    && bytes[size - 4] == '\r'
                    && bytes[size - 3] == '\n'
                    && bytes[size - 2] == '\r'
                    && bytes[size - 1] == '\n';
        }
        if (complete && startLine == null) {
            parse();
        }
        return complete;
    }

    private void parse() throws ProtocolException {
        String text = new String(bytes, 0, size - 4, StandardCharsets.US_ASCII);
        String[] lines = text.split("\r\n", -1);
        for (String line : lines) {
            if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
                throw new ProtocolException("an HTTP head with a line not ended by CRLF");
            }
        }
        startLine = lines[0];
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new ProtocolException("a malformed HTTP header line");
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            fields.merge(name, value, (old, added) -> old + ", " + added);
        }
    }

    public String startLine() {
        return startLine;
    }

    /** The field's value, or null when absent. */
    public String field(String name) {
        return fields.get(name.toLowerCase(Locale.ROOT));
    }

    /** Whether the comma-separated list field {@code name} contains {@code token}, without case. */
    boolean fieldHasToken(String name, String token) {
        for (String item : listField(name)) {
            if (item.equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    /** The comma-separated items of a list field, trimmed, empty ones left out; empty when the field is absent. */
    List<String> listField(String name) {
        List<String> items = new ArrayList<>();
        String value = field(name);
        if (value != null) {
            for (String item : value.split(",")) {
                String trimmed = item.trim();
                if (!trimmed.isEmpty()) {
                    items.add(trimmed);
                }
            }
        }
        return items;
    }
}
