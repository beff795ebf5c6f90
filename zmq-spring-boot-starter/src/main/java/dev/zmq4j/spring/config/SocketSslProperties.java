package dev.zmq4j.spring.config;

/**
 * TLS of a socket's {@code wss://} endpoints, under {@code zmq.sockets.<name>.ssl}: an SSL bundle of Spring Boot's
 * ({@code spring.ssl.bundle.jks.<bundle>} or {@code spring.ssl.bundle.pem.<bundle>}), whose key store serves a bound
 * socket's certificate and whose trust store checks the server for a connecting one. A plain mutable holder for the
 * binder; not thread-safe, read once at startup.
 */
public class SocketSslProperties {

    /** Name of the SSL bundle (spring.ssl.bundle.*) for this socket's wss endpoints. */
    private String bundle;

    /**
     * Host name the server's certificate must carry, for a socket that connects to wss endpoints; by default the
     * endpoint's host.
     */
    private String hostname;

    public String getBundle() {
        return bundle;
    }

    public void setBundle(String bundle) {
        this.bundle = bundle;
    }

    public String getHostname() {
        return hostname;
    }

    public void setHostname(String hostname) {
        this.hostname = hostname;
    }

    /** Whether any TLS setting is given. */
    public boolean anySet() {
        return bundle != null || hostname != null;
    }
}
