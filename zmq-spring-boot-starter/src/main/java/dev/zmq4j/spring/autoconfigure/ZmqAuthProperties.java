package dev.zmq4j.spring.autoconfigure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code zmq.auth.*}: the ZAP authenticator the starter runs for every socket of the context when any of these
 * is set (czmq zauth's rules; see {@code dev.zmq4j.auth.ZapAuthenticator}). A plain mutable holder for the binder;
 * not thread-safe, read once at startup.
 */
public class ZmqAuthProperties {
    /** Run the authenticator; by default it runs when any other zmq.auth property is set. */
    private Boolean enabled;

    /** Addresses let in (everyone else is kept out when the list is not empty), e.g. 10.0.0.7. */
    private List<String> allow = new ArrayList<>();

    /** Addresses kept out (used when allow is empty). */
    private List<String> deny = new ArrayList<>();

    /** Log every decision at INFO (never a password or a secret key). */
    private boolean verbose;

    /** PLAIN users. */
    private final Plain plain = new Plain();

    /** CURVE clients. */
    private final Curve curve = new Curve();

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getAllow() {
        return allow;
    }

    public void setAllow(List<String> allow) {
        this.allow = allow;
    }

    public List<String> getDeny() {
        return deny;
    }

    public void setDeny(List<String> deny) {
        this.deny = deny;
    }

    public boolean isVerbose() {
        return verbose;
    }

    public void setVerbose(boolean verbose) {
        this.verbose = verbose;
    }

    public Plain getPlain() {
        return plain;
    }

    public Curve getCurve() {
        return curve;
    }

    /** Whether any rule is set, which turns the authenticator on unless enabled is false. */
    boolean hasRules() {
        return !allow.isEmpty()
                || !deny.isEmpty()
                || !plain.users.isEmpty()
                || plain.passwordFile != null
                || curve.allowAny
                || !curve.keys.isEmpty()
                || curve.certificates != null;
    }

    /** {@code zmq.auth.plain.*}. */
    public static class Plain {
        /** PLAIN users and their passwords, zmq.auth.plain.users.<name>=<password>. */
        private Map<String, String> users = new LinkedHashMap<>();

        /** A password file of name=password lines, read again when it changes. */
        private Path passwordFile;

        public Map<String, String> getUsers() {
            return users;
        }

        public void setUsers(Map<String, String> users) {
            this.users = users;
        }

        public Path getPasswordFile() {
            return passwordFile;
        }

        public void setPasswordFile(Path passwordFile) {
            this.passwordFile = passwordFile;
        }
    }

    /** {@code zmq.auth.curve.*}. */
    public static class Curve {
        /** Let in any CURVE client that completes the handshake. */
        private boolean allowAny;

        /** Client public keys let in, each 40 characters of Z85. */
        private List<String> keys = new ArrayList<>();

        /** A directory of client certificates (czmq format), read again when it changes. */
        private Path certificates;

        public boolean isAllowAny() {
            return allowAny;
        }

        public void setAllowAny(boolean allowAny) {
            this.allowAny = allowAny;
        }

        public List<String> getKeys() {
            return keys;
        }

        public void setKeys(List<String> keys) {
            this.keys = keys;
        }

        public Path getCertificates() {
            return certificates;
        }

        public void setCertificates(Path certificates) {
            this.certificates = certificates;
        }
    }
}
