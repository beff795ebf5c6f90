package dev.zmq4j.engine;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * A peer's IP address as text the way libzmq writes it (getnameinfo with NI_NUMERICHOST): dotted IPv4, and IPv6 in
 * its RFC 5952 short form ({@code ::1}, {@code fe80::1}), which Java's {@link InetAddress#getHostAddress()} does
 * not produce ({@code 0:0:0:0:0:0:0:1}). A ZAP handler's allow list and the Peer-Address property rely on it.
 *
 * <p>Stateless and thread-safe.
 */
final class PeerAddresses {
    private PeerAddresses() {}

    static String text(InetAddress address) {
        if (address instanceof Inet4Address || !(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] bytes = address.getAddress();
        if (isIpv4Mapped(bytes)) {
            return "::ffff:" + (bytes[12] & 0xFF) + '.' + (bytes[13] & 0xFF) + '.' + (bytes[14] & 0xFF) + '.'
                    + (bytes[15] & 0xFF);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
        }
        // The longest run of two or more zero groups (the first if tied) becomes "::".
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            text.append(Integer.toHexString(groups[i]));
            if (i < 7) {
                text.append(':');
            }
        }
        return text.toString();
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] & 0xFF) == 0xFF && (bytes[11] & 0xFF) == 0xFF;
    }
}
