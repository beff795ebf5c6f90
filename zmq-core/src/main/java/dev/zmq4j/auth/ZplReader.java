package dev.zmq4j.auth;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.ZmqException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the part of ZPL (ZeroMQ Property Language, 4/ZPL) that certificate files use: sections at the left margin
 * and {@code name = value} children indented by four spaces, values optionally in double or single quotes, and
 * {@code #} comments. Z85 keys contain {@code #}, so a quoted value is taken whole before anything after it is
 * treated as a comment. Deeper levels are not needed by certificates and are refused.
 *
 * <p>Stateless and thread-safe.
 */
final class ZplReader {
    private ZplReader() {}

    /**
     * The file as a map from {@code section/name} to value ("curve/public-key", "metadata/email").
     *
     * @throws ZmqException EINVAL naming the source and the line for anything it cannot read
     */
    static Map<String, String> read(String source, List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        String section = null;
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1);
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') {
                indent++;
            }
            if (indent == 0) {
                section = nameOf(source, number, trimmed);
                continue;
            }
            if (indent != 4 || section == null) {
                throw invalid(source, number, "expected a section, or a property indented by 4 spaces under one");
            }
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                throw invalid(source, number, "expected name = value");
            }
            String name = trimmed.substring(0, equals).strip();
            values.put(
                    section + "/" + name,
                    value(source, number, trimmed.substring(equals + 1).strip()));
        }
        return values;
    }

    private static String nameOf(String source, int number, String text) {
        int comment = text.indexOf('#');
        String name = (comment >= 0 ? text.substring(0, comment) : text).strip();
        if (name.contains("=")) {
            // A root-level property: not used by certificates, kept under the empty section.
            throw invalid(source, number, "a property outside any section");
        }
        return name;
    }

    private static String value(String source, int number, String text) {
        if (text.startsWith("\"") || text.startsWith("'")) {
            int end = text.indexOf(text.charAt(0), 1);
            if (end < 0) {
                throw invalid(source, number, "an unterminated quoted value");
            }
            return text.substring(1, end);
        }
        int comment = text.indexOf('#');
        return (comment >= 0 ? text.substring(0, comment) : text).strip();
    }

    private static ZmqException invalid(String source, int line, String what) {
        return new ZmqException(ErrorCode.EINVAL, source + ", line " + line + ": " + what);
    }
}
