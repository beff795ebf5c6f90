package dev.zmq4j.interop;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * How much traffic a peer handles and which routing ids it uses or expects.
 *
 * @param count             messages (or requests) to handle before finishing
 * @param routingId         the peer socket's own ROUTING_ID, or null
 * @param expectedRoutingId the routing id a ROUTER peer must see on every message, or null
 */
public record PeerArgs(int count, byte[] routingId, byte[] expectedRoutingId) {
    public static PeerArgs count(int count) {
        return new PeerArgs(count, null, null);
    }

    public PeerArgs withRoutingId(byte[] id) {
        return new PeerArgs(count, id.clone(), expectedRoutingId);
    }

    public PeerArgs expectingRoutingId(byte[] id) {
        return new PeerArgs(count, routingId, id.clone());
    }

    /** The options of {@code zmq_peer.py} after ROLE MODE ENDPOINT. */
    String[] commandLine() {
        List<String> args = new ArrayList<>(List.of("--count", Integer.toString(count)));
        if (routingId != null) {
            args.add("--routing-id-hex");
            args.add(HexFormat.of().formatHex(routingId));
        }
        if (expectedRoutingId != null) {
            args.add("--expect-routing-id-hex");
            args.add(HexFormat.of().formatHex(expectedRoutingId));
        }
        return args.toArray(String[]::new);
    }
}
