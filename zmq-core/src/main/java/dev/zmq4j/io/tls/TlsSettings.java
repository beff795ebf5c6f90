package dev.zmq4j.io.tls;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.ZmqException;
import dev.zmq4j.core.Options;
import java.io.File;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS side of a {@code wss://} endpoint, made from the socket's options when it binds or connects: the JDK's
 * {@link SSLContext} to make each connection's {@link SSLEngine} with, and for a client the name the server's
 * certificate must carry.
 *
 * <ul>
 *   <li>A server needs its key and certificate: WSS_SSL_CONTEXT, or WSS_KEY_STORE (and WSS_KEY_STORE_PASSWORD, which
 *       also opens the key).
 *   <li>A client verifies the server's certificate chain and its name, always, as an HTTPS client does: against
 *       WSS_SSL_CONTEXT's trust managers, or the certificates in WSS_TRUST_STORE, or the JDK's own trust store. The
 *       name is WSS_HOSTNAME, or the endpoint's host (an IP address then has to be in the certificate's subject
 *       alternative names).
 * </ul>
 *
 * <p>Immutable and thread-safe: made on the application thread, used on I/O threads.
 */
public final class TlsSettings {
    private final SSLContext context;
    /** For a client, the name to verify and to send as SNI; null for a server. */
    private final String serverName;

    private TlsSettings(SSLContext context, String serverName) {
        this.context = context;
        this.serverName = serverName;
    }

    /** @throws ZmqException EINVAL when the options give no certificate or the keystore cannot be opened */
    public static TlsSettings forServer(Options options, String endpoint) {
        if (options.wssSslContext != null) {
            return new TlsSettings(options.wssSslContext, null);
        }
        if (options.wssKeyStore == null) {
            throw new ZmqException(
                    ErrorCode.EINVAL,
                    "binding " + endpoint + " needs the server's key and certificate: set WSS_KEY_STORE (a PKCS12 or"
                            + " JKS file) and WSS_KEY_STORE_PASSWORD, or WSS_SSL_CONTEXT");
        }
        KeyStore keys = load("WSS_KEY_STORE", options.wssKeyStore, options.wssKeyStorePassword, endpoint);
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, options.wssKeyStorePassword.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return new TlsSettings(context, null);
        } catch (GeneralSecurityException e) {
            throw new ZmqException(
                    ErrorCode.EINVAL,
                    "WSS_KEY_STORE '" + options.wssKeyStore + "' gives no usable key for " + endpoint + ": "
                            + e.getMessage());
        }
    }

    /**
     * @param host the endpoint's host, without brackets
     * @throws ZmqException EINVAL when the trust store cannot be opened
     */
    public static TlsSettings forClient(Options options, String endpoint, String host) {
        String name = options.wssHostname.isEmpty() ? host : options.wssHostname;
        if (options.wssSslContext != null) {
            return new TlsSettings(options.wssSslContext, name);
        }
        try {
            if (options.wssTrustStore == null) {
                return new TlsSettings(SSLContext.getDefault(), name);
            }
            KeyStore trusted = load("WSS_TRUST_STORE", options.wssTrustStore, options.wssTrustStorePassword, endpoint);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return new TlsSettings(context, name);
        } catch (GeneralSecurityException e) {
            throw new ZmqException(ErrorCode.EINVAL, "TLS cannot be set up for " + endpoint + ": " + e.getMessage());
        }
    }

    private static KeyStore load(String option, String path, String password, String endpoint) {
        try {
            return KeyStore.getInstance(new File(path), password.toCharArray());
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            // IllegalArgumentException: no such file.
            throw new ZmqException(
                    ErrorCode.EINVAL,
                    option + " '" + path + "' cannot be opened for " + endpoint + ": " + e.getMessage());
        }
    }

    /** Whether connections are TLS clients (we connected) or servers. */
    public boolean client() {
        return serverName != null;
    }

    /** A new TLS session for one connection. */
    public SSLEngine newEngine(int peerPort) {
        if (serverName == null) {
            SSLEngine engine = context.createSSLEngine();
            engine.setUseClientMode(false);
            return engine;
        }
        // The name given here is what the trust manager checks the certificate against.
        SSLEngine engine = context.createSSLEngine(serverName, peerPort);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (isHostName(serverName)) {
            try {
                parameters.setServerNames(List.of(new SNIHostName(serverName)));
            } catch (IllegalArgumentException notADnsName) {
                // Verified all the same; the server just learns no name.
            }
        }
        engine.setSSLParameters(parameters);
        return engine;
    }

    /** SNI carries host names only, never IP addresses. */
    private static boolean isHostName(String name) {
        return !name.contains(":") && !name.matches("[0-9.]+");
    }
}
