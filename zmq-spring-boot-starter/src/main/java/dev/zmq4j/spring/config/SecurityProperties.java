package dev.zmq4j.spring.config;

import org.springframework.core.io.Resource;

/**
 * The security of one declared socket, {@code zmq.sockets.<name>.security.*}: the mechanism, PLAIN credentials, CURVE
 * keys (as Z85 text or certificate files in czmq's format) and the ZAP domain. Checked at startup by
 * {@link SecurityPropertiesValidator}; secrets are never logged or shown. A plain mutable holder for the binder;
 * not thread-safe, read once at startup.
 */
public class SecurityProperties {
    /** The mechanisms of ZMTP 3. */
    public enum Mechanism {
        NULL,
        PLAIN,
        CURVE
    }

    /** Security mechanism of every connection: NULL (none), PLAIN (username and password, in clear) or CURVE. */
    private Mechanism mechanism = Mechanism.NULL;

    /** ZAP domain given to the ZAP handler (ZAP_DOMAIN); under NULL, setting one makes the socket consult it. */
    private String zapDomain;

    /** Refuse peers when no ZAP handler is bound, instead of letting NULL and CURVE peers in (ZAP_ENFORCE_DOMAIN). */
    private boolean zapEnforceDomain;

    /** PLAIN settings. */
    private final Plain plain = new Plain();

    /** CURVE settings. */
    private final Curve curve = new Curve();

    public Mechanism getMechanism() {
        return mechanism;
    }

    public void setMechanism(Mechanism mechanism) {
        this.mechanism = mechanism;
    }

    public String getZapDomain() {
        return zapDomain;
    }

    public void setZapDomain(String zapDomain) {
        this.zapDomain = zapDomain;
    }

    public boolean isZapEnforceDomain() {
        return zapEnforceDomain;
    }

    public void setZapEnforceDomain(boolean zapEnforceDomain) {
        this.zapEnforceDomain = zapEnforceDomain;
    }

    public Plain getPlain() {
        return plain;
    }

    public Curve getCurve() {
        return curve;
    }

    /** {@code security.plain.*}. */
    public static class Plain {
        /** This socket checks usernames and passwords (with the ZAP handler) instead of sending them. */
        private boolean server;

        /** Username this client sends (PLAIN_USERNAME). */
        private String username;

        /** Password this client sends (PLAIN_PASSWORD); travels in clear text. */
        private String password;

        public boolean isServer() {
            return server;
        }

        public void setServer(boolean server) {
            this.server = server;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }
    }

    /** {@code security.curve.*}. */
    public static class Curve {
        /** This socket is the CURVE server: it needs its secret key, and authenticates clients through ZAP. */
        private boolean server;

        /** This socket's public key, 40 characters of Z85 (derived from the secret key when left out). */
        private String publicKey;

        /** This socket's secret key, 40 characters of Z85. */
        private String secretKey;

        /** The server's public key, 40 characters of Z85 (clients only). */
        private String serverKey;

        /** This socket's own certificate (czmq format; the file with the secret key, or one whose _secret sibling has it), instead of public-key and secret-key. */
        private Resource certificate;

        /** The server's public certificate (czmq format), instead of server-key (clients only). */
        private Resource serverCertificate;

        public boolean isServer() {
            return server;
        }

        public void setServer(boolean server) {
            this.server = server;
        }

        public String getPublicKey() {
            return publicKey;
        }

        public void setPublicKey(String publicKey) {
            this.publicKey = publicKey;
        }

        public String getSecretKey() {
            return secretKey;
        }

        public void setSecretKey(String secretKey) {
            this.secretKey = secretKey;
        }

        public String getServerKey() {
            return serverKey;
        }

        public void setServerKey(String serverKey) {
            this.serverKey = serverKey;
        }

        public Resource getCertificate() {
            return certificate;
        }

        public void setCertificate(Resource certificate) {
            this.certificate = certificate;
        }

        public Resource getServerCertificate() {
            return serverCertificate;
        }

        public void setServerCertificate(Resource serverCertificate) {
            this.serverCertificate = serverCertificate;
        }
    }
}
