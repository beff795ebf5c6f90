package dev.zmq4j.spring.support;

import dev.zmq4j.CurveKeyPair;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.ZmqException;
import dev.zmq4j.auth.CurveCertificate;
import dev.zmq4j.spring.config.SecurityProperties;
import dev.zmq4j.spring.config.SecurityProperties.Mechanism;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.core.io.Resource;

/**
 * Turns a socket's {@code security.*} properties into the engine's options: checks that the mechanism has what its
 * role needs, reads keys from Z85 text or certificate files, and fails with an {@link InvalidZmqConfigurationException}
 * naming the property at fault. No message ever contains a key or a password.
 *
 * <p>Stateless and thread-safe; used at startup.
 */
public final class SocketSecurity {
    /** What a declaration resolves to; keys as 32 bytes, null when not used. */
    public record Resolved(
            Mechanism mechanism,
            boolean server,
            String username,
            String password,
            byte[] publicKey,
            byte[] secretKey,
            byte[] serverKey,
            String zapDomain,
            boolean zapEnforceDomain) {
        @Override
        public String toString() {
            return "Resolved[" + mechanism + (server ? " server" : " client") + "]";
        }
    }

    private SocketSecurity() {}

    /**
     * @param prefix the socket's property prefix, e.g. {@code zmq.sockets.risk}
     */
    public static Resolved resolve(String prefix, SecurityProperties security) {
        String at = prefix + ".security";
        SecurityProperties.Plain plain = security.getPlain();
        SecurityProperties.Curve curve = security.getCurve();
        Mechanism mechanism = security.getMechanism() == null ? Mechanism.NULL : security.getMechanism();
        if (mechanism != Mechanism.PLAIN
                && (plain.isServer() || plain.getUsername() != null || plain.getPassword() != null)) {
            throw new InvalidZmqConfigurationException(
                    at + ".plain", "PLAIN settings need " + at + ".mechanism: plain, not " + mechanism);
        }
        boolean anyCurve = curve.isServer()
                || curve.getPublicKey() != null
                || curve.getSecretKey() != null
                || curve.getServerKey() != null
                || curve.getCertificate() != null
                || curve.getServerCertificate() != null;
        if (mechanism != Mechanism.CURVE && anyCurve) {
            throw new InvalidZmqConfigurationException(
                    at + ".curve", "CURVE settings need " + at + ".mechanism: curve, not " + mechanism);
        }
        switch (mechanism) {
            case PLAIN:
                return plain(at, security, plain);
            case CURVE:
                return curve(at, security, curve);
            default:
                return new Resolved(
                        Mechanism.NULL,
                        false,
                        null,
                        null,
                        null,
                        null,
                        null,
                        security.getZapDomain(),
                        security.isZapEnforceDomain());
        }
    }

    private static Resolved plain(String at, SecurityProperties security, SecurityProperties.Plain plain) {
        if (!plain.isServer()) {
            if (plain.getUsername() == null || plain.getUsername().isEmpty()) {
                throw new InvalidZmqConfigurationException(
                        at + ".plain.username",
                        "a PLAIN client needs a username (or set " + at + ".plain.server: true)");
            }
            if (plain.getPassword() == null) {
                throw new InvalidZmqConfigurationException(at + ".plain.password", "a PLAIN client needs a password");
            }
        } else if (plain.getUsername() != null || plain.getPassword() != null) {
            throw new InvalidZmqConfigurationException(
                    at + ".plain.username",
                    "a PLAIN server checks credentials, it sends none: remove username and password");
        }
        return new Resolved(
                Mechanism.PLAIN,
                plain.isServer(),
                plain.getUsername(),
                plain.getPassword(),
                null,
                null,
                null,
                security.getZapDomain(),
                security.isZapEnforceDomain());
    }

    private static Resolved curve(String at, SecurityProperties security, SecurityProperties.Curve curve) {
        String curveAt = at + ".curve";
        if (curve.getCertificate() != null && (curve.getPublicKey() != null || curve.getSecretKey() != null)) {
            throw new InvalidZmqConfigurationException(
                    curveAt + ".certificate", "give the certificate or public-key and secret-key, not both");
        }
        byte[] secretKey;
        byte[] publicKey;
        if (curve.getCertificate() != null) {
            CurveCertificate own = certificate(curveAt + ".certificate", curve.getCertificate(), true);
            if (!own.hasSecretKey()) {
                throw new InvalidZmqConfigurationException(
                        curveAt + ".certificate",
                        "the certificate " + describe(curve.getCertificate())
                                + " has no secret key (point it at the _secret file, or keep that file beside it)");
            }
            secretKey = own.secretKey();
            publicKey = own.publicKey();
        } else {
            if (curve.getSecretKey() == null) {
                throw new InvalidZmqConfigurationException(
                        curveAt + ".secret-key",
                        "a CURVE " + (curve.isServer() ? "server" : "client") + " needs its secret key (or " + curveAt
                                + ".certificate)");
            }
            secretKey = key(curveAt + ".secret-key", curve.getSecretKey());
            publicKey = curve.getPublicKey() != null
                    ? key(curveAt + ".public-key", curve.getPublicKey())
                    : CurveKeyPair.fromSecretKey(secretKey).publicKey();
        }
        byte[] serverKey = null;
        if (curve.isServer()) {
            if (curve.getServerKey() != null || curve.getServerCertificate() != null) {
                throw new InvalidZmqConfigurationException(
                        curveAt + (curve.getServerKey() != null ? ".server-key" : ".server-certificate"),
                        "a CURVE server has no server key to know: that setting is for clients");
            }
        } else if (curve.getServerKey() != null && curve.getServerCertificate() != null) {
            throw new InvalidZmqConfigurationException(
                    curveAt + ".server-certificate", "give server-key or server-certificate, not both");
        } else if (curve.getServerKey() != null) {
            serverKey = key(curveAt + ".server-key", curve.getServerKey());
        } else if (curve.getServerCertificate() != null) {
            serverKey = certificate(curveAt + ".server-certificate", curve.getServerCertificate(), false)
                    .publicKey();
        } else {
            throw new InvalidZmqConfigurationException(
                    curveAt + ".server-key",
                    "a CURVE client needs the server's public key (or " + curveAt + ".server-certificate), or set "
                            + curveAt + ".server: true");
        }
        return new Resolved(
                Mechanism.CURVE,
                curve.isServer(),
                null,
                null,
                publicKey,
                secretKey,
                serverKey,
                security.getZapDomain(),
                security.isZapEnforceDomain());
    }

    /** A 40-character Z85 key; the error never repeats the key. */
    private static byte[] key(String property, String text) {
        String trimmed = text.strip();
        if (trimmed.length() != CurveKeyPair.Z85_KEY_SIZE) {
            throw new InvalidZmqConfigurationException(
                    property, "must be 40 characters of Z85, this one has " + trimmed.length());
        }
        try {
            return CurveKeyPair.keyBytes(property, trimmed.getBytes(StandardCharsets.US_ASCII));
        } catch (ZmqException e) {
            throw new InvalidZmqConfigurationException(property, "is not valid Z85");
        }
    }

    private static CurveCertificate certificate(String property, Resource resource, boolean preferSecret) {
        try {
            Resource chosen = resource;
            if (preferSecret
                    && resource.getFilename() != null
                    && !resource.getFilename().endsWith("_secret")) {
                Resource secret = resource.createRelative(resource.getFilename() + "_secret");
                if (secret.exists()) {
                    chosen = secret;
                }
            }
            if (!chosen.exists()) {
                throw new InvalidZmqConfigurationException(property, describe(resource) + " does not exist");
            }
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(chosen.getInputStream(), StandardCharsets.UTF_8))) {
                List<String> lines = reader.lines().collect(Collectors.toList());
                return CurveCertificate.parse(describe(chosen), lines);
            }
        } catch (IOException e) {
            throw new InvalidZmqConfigurationException(
                    property, "cannot read " + describe(resource) + ": " + e.getMessage(), e);
        } catch (ZmqException e) {
            throw new InvalidZmqConfigurationException(property, e.getMessage(), e);
        }
    }

    private static String describe(Resource resource) {
        return resource.getDescription();
    }

    /** Sets the engine's options for {@code resolved} on a socket not yet bound or connected. */
    public static void apply(String prefix, Socket socket, Resolved resolved) {
        String at = prefix + ".security";
        try {
            if (resolved.zapDomain() != null) {
                socket.set(SocketOption.ZAP_DOMAIN, resolved.zapDomain());
            }
            if (resolved.zapEnforceDomain()) {
                socket.set(SocketOption.ZAP_ENFORCE_DOMAIN, true);
            }
            switch (resolved.mechanism()) {
                case PLAIN:
                    if (resolved.server()) {
                        socket.set(SocketOption.PLAIN_SERVER, true);
                    } else {
                        socket.set(SocketOption.PLAIN_USERNAME, resolved.username());
                        socket.set(SocketOption.PLAIN_PASSWORD, resolved.password());
                    }
                    break;
                case CURVE:
                    if (resolved.server()) {
                        socket.set(SocketOption.CURVE_SERVER, true);
                    } else {
                        socket.set(SocketOption.CURVE_SERVERKEY, resolved.serverKey());
                    }
                    socket.set(SocketOption.CURVE_PUBLICKEY, resolved.publicKey());
                    socket.set(SocketOption.CURVE_SECRETKEY, resolved.secretKey());
                    break;
                default:
                    break;
            }
        } catch (ZmqException e) {
            throw new InvalidZmqConfigurationException(at, e.getMessage(), e);
        }
    }
}
