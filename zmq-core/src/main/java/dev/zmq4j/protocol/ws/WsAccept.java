package dev.zmq4j.protocol.ws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The keys of the WebSocket opening handshake (RFC 6455 sections 4.1 and 4.2.2): the client's
 * {@code Sec-WebSocket-Key}, 16 random bytes in base64, and the server's {@code Sec-WebSocket-Accept}, the base64 of
 * SHA-1 of that key and the protocol's fixed GUID, which proves the server read the request.
 */
final class WsAccept {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WsAccept() {}

    /** A fresh client key. */
    static String newKey() {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /** Whether {@code key} is what RFC 6455 asks of a client's key: base64 of 16 bytes. */
    static boolean isValidKey(String key) {
        if (key == null || key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The Sec-WebSocket-Accept value for a client's key. */
    static String of(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return Base64.getEncoder().encodeToString(sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            // Every JDK has SHA-1 (it is one of the algorithms the platform must provide).
            throw new IllegalStateException("no SHA-1 in this JDK", e);
        }
    }
}
