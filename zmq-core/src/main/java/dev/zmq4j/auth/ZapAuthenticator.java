package dev.zmq4j.auth;

import dev.zmq4j.Context;
import dev.zmq4j.CurveKeyPair;
import dev.zmq4j.ErrorCode;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.Z85;
import dev.zmq4j.ZmqException;
import dev.zmq4j.protocol.Metadata;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A ZAP handler (27/ZAP) for every socket of one {@link Context}, with czmq's zauth rules:
 *
 * <ul>
 *   <li>Addresses: when the allow list is not empty, only its addresses get in (NULL peers from them are let in
 *       at once; PLAIN and CURVE peers must still authenticate); otherwise the deny list keeps its addresses out.
 *       Addresses are compared as text: the bare IP the engine reports ({@code 127.0.0.1}, {@code ::1}).
 *   <li>NULL: let in, unless the address rules say no.
 *   <li>PLAIN: the username and password must match a user given with {@link #plainUsers} or a line of the
 *       {@link #plainPasswordFile password file}. User-Id is the username.
 *   <li>CURVE: any key after {@link #curveAllowAny()}; otherwise the key must be one given with
 *       {@link #curveKeys} or have a certificate in the {@link #curveCertificates directory}, whose metadata is
 *       returned (and becomes properties of the client's messages). User-Id is the key in Z85.
 *   <li>With no policy for a mechanism, PLAIN and CURVE peers are refused.
 * </ul>
 *
 * <p>Replies are 200 "OK" or 400 "No access"; a request that is not ZAP 1.0 gets 500. The ZAP domain is not
 * looked at (as czmq). Decisions are logged at DEBUG, or INFO with {@link #verbose}, without passwords or secret keys.
 *
 * <pre>
 *  try (ZapAuthenticator auth = ZapAuthenticator.start(context)) {
 *      auth.allow("10.0.0.7").curveCertificates(Path.of("/etc/myapp/clients"));
 *      ...
 *  }
 * </pre>
 *
 * <p>Thread-safe: the policy may be changed from any thread while requests are answered; each request sees one
 * whole policy. The handler's socket lives on its own daemon thread, {@value #THREAD_NAME}.
 */
public final class ZapAuthenticator implements AutoCloseable {
    public static final String ENDPOINT = "inproc://zeromq.zap.01";
    static final String THREAD_NAME = "zmq4j-zap-authenticator";
    private static final System.Logger LOG = System.getLogger(ZapAuthenticator.class.getName());

    /** What the handler decides with; replaced whole by each configuration call. */
    private record Policy(
            Set<String> allowed,
            Set<String> denied,
            Map<String, String> users,
            PasswordFile passwordFile,
            Set<String> curveKeys,
            CertificateStore certificates,
            boolean anyCurveKey,
            boolean verbose) {}

    private final Socket socket;
    private final Thread thread;
    private volatile Policy policy = new Policy(Set.of(), Set.of(), Map.of(), null, Set.of(), null, false, false);
    private volatile boolean closed;
    private final Draft draft = new Draft();

    private ZapAuthenticator(Socket socket) {
        this.socket = socket;
        this.thread = new Thread(this::serve, THREAD_NAME);
        this.thread.setDaemon(true);
    }

    /**
     * Binds the handler in {@code context} and starts answering.
     *
     * @throws ZmqException EADDRINUSE when the context already has a ZAP handler
     */
    public static ZapAuthenticator start(Context context) {
        Socket socket = context.socket(SocketType.REP);
        socket.set(SocketOption.LINGER, 0);
        try {
            socket.bind(ENDPOINT);
        } catch (ZmqException e) {
            socket.close();
            if (e.code() == ErrorCode.EADDRINUSE) {
                throw new ZmqException(
                        ErrorCode.EADDRINUSE, "this context already has a ZAP handler bound to " + ENDPOINT, e);
            }
            throw e;
        }
        ZapAuthenticator authenticator = new ZapAuthenticator(socket);
        authenticator.thread.start();
        return authenticator;
    }

    /** Lets in only these addresses (added to those allowed before). */
    public synchronized ZapAuthenticator allow(String... addresses) {
        draft.allowed.addAll(List.of(addresses));
        return publish();
    }

    /** Keeps these addresses out (when nothing is on the allow list). */
    public synchronized ZapAuthenticator deny(String... addresses) {
        draft.denied.addAll(List.of(addresses));
        return publish();
    }

    /** PLAIN users and their passwords (replacing those given before). */
    public synchronized ZapAuthenticator plainUsers(Map<String, String> users) {
        draft.users = Map.copyOf(users);
        return publish();
    }

    /** PLAIN users from a {@code name=password} file, read again whenever it changes. */
    public synchronized ZapAuthenticator plainPasswordFile(Path file) {
        draft.passwordFile = new PasswordFile(file);
        return publish();
    }

    /** CURVE client keys let in, each 40 characters of Z85 (replacing those given before). */
    public synchronized ZapAuthenticator curveKeys(Collection<String> z85Keys) {
        Set<String> keys = new HashSet<>();
        for (String key : z85Keys) {
            keys.add(Z85.encode(CurveKeyPair.keyBytes("a CURVE client key", key.getBytes(StandardCharsets.US_ASCII))));
        }
        draft.curveKeys = Set.copyOf(keys);
        return publish();
    }

    /** CURVE clients whose certificate is in this directory (czmq's zcert files), re-read when it changes. */
    public synchronized ZapAuthenticator curveCertificates(Path directory) {
        draft.certificates = new CertificateStore(directory);
        return publish();
    }

    /** Any CURVE client that completes the handshake (it knows the server's public key). */
    public synchronized ZapAuthenticator curveAllowAny() {
        draft.anyCurveKey = true;
        return publish();
    }

    /** Logs every decision at INFO instead of DEBUG. */
    public synchronized ZapAuthenticator verbose(boolean verbose) {
        draft.verbose = verbose;
        return publish();
    }

    /** Makes the draft the policy the next request sees, whole. Called holding the lock. */
    private ZapAuthenticator publish() {
        policy = new Policy(
                Set.copyOf(draft.allowed),
                Set.copyOf(draft.denied),
                draft.users,
                draft.passwordFile,
                draft.curveKeys,
                draft.certificates,
                draft.anyCurveKey,
                draft.verbose);
        return this;
    }

    /** The policy being edited; only under the lock. */
    private static final class Draft {
        final Set<String> allowed = new HashSet<>();
        final Set<String> denied = new HashSet<>();
        Map<String, String> users = Map.of();
        PasswordFile passwordFile;
        Set<String> curveKeys = Set.of();
        CertificateStore certificates;
        boolean anyCurveKey;
        boolean verbose;
    }

    // ---- the handler's thread ----------------------------------------------------------------------------

    private void serve() {
        try {
            while (!closed) {
                Message request = socket.recvMessage();
                Message reply;
                try {
                    reply = answer(request, policy);
                } catch (RuntimeException e) {
                    // One bad request (or a certificate that cannot be read) must not stop the handler.
                    LOG.log(System.Logger.Level.WARNING, "ZAP request failed: " + e, e);
                    reply = reply(request.size() > 1 ? request.getString(1) : "", "500", "Internal error", "", null);
                }
                socket.send(reply);
            }
        } catch (ZmqException e) {
            if (!closed && e.code() != ErrorCode.ETERM && e.code() != ErrorCode.EINTR) {
                LOG.log(System.Logger.Level.ERROR, "the ZAP authenticator stopped: " + e.getMessage(), e);
            }
        } finally {
            // close() interrupted us out of the wait; the flag must not fail the unbind and close below.
            Thread.interrupted();
            try {
                // At once, so that another handler may bind as soon as close() returns (closing frees it later).
                socket.unbind(ENDPOINT);
            } catch (ZmqException e) {
                // The context is closing: nothing left to free.
            }
            socket.close();
        }
    }

    private static Message answer(Message request, Policy policy) {
        if (request.size() < 6 || !request.getString(0).equals("1.0")) {
            return reply(request.size() > 1 ? request.getString(1) : "", "500", "Not a ZAP 1.0 request", "", null);
        }
        String requestId = request.getString(1);
        String address = request.getString(3);
        String mechanism = request.getString(5);
        boolean addressAllowed = false;
        if (!policy.allowed().isEmpty()) {
            if (!policy.allowed().contains(address)) {
                return refuse(policy, requestId, mechanism, address, "address not on the allow list");
            }
            addressAllowed = true;
        } else if (policy.denied().contains(address)) {
            return refuse(policy, requestId, mechanism, address, "address on the deny list");
        }
        switch (mechanism) {
            case "NULL":
                log(policy, "NULL peer at " + address + " let in" + (addressAllowed ? " (allowed address)" : ""));
                return reply(requestId, "200", "OK", "", null);
            case "PLAIN":
                return plain(request, policy, requestId, address);
            case "CURVE":
                return curve(request, policy, requestId, address);
            default:
                return refuse(policy, requestId, mechanism, address, "mechanism not supported");
        }
    }

    private static Message plain(Message request, Policy policy, String requestId, String address) {
        if (request.size() != 8) {
            return refuse(policy, requestId, "PLAIN", address, "no username and password");
        }
        String username = request.getString(6);
        String password = request.getString(7);
        String expected = policy.users().get(username);
        boolean ok = expected != null
                ? expected.equals(password)
                : policy.passwordFile() != null && policy.passwordFile().matches(username, password);
        if (!ok) {
            return refuse(policy, requestId, "PLAIN", address, "wrong username or password for " + username);
        }
        log(policy, "PLAIN user " + username + " at " + address + " let in");
        return reply(requestId, "200", "OK", username, null);
    }

    private static Message curve(Message request, Policy policy, String requestId, String address) {
        if (request.size() != 7 || request.get(6).length != CurveKeyPair.KEY_SIZE) {
            return refuse(policy, requestId, "CURVE", address, "no 32-byte client key");
        }
        byte[] key = request.get(6);
        String text = Z85.encode(key);
        Map<String, String> metadata = null;
        boolean ok = policy.anyCurveKey() || policy.curveKeys().contains(text);
        if (!ok && policy.certificates() != null) {
            CurveCertificate certificate = policy.certificates().lookup(key);
            if (certificate != null) {
                ok = true;
                metadata = certificate.metadata();
            }
        }
        if (!ok) {
            return refuse(policy, requestId, "CURVE", address, "unknown client key " + text);
        }
        log(policy, "CURVE client " + text + " at " + address + " let in");
        return reply(requestId, "200", "OK", text, metadata);
    }

    private static Message refuse(Policy policy, String requestId, String mechanism, String address, String why) {
        log(policy, mechanism + " peer at " + address + " refused: " + why);
        return reply(requestId, "400", "No access", "", null);
    }

    private static void log(Policy policy, String decision) {
        LOG.log(policy.verbose() ? System.Logger.Level.INFO : System.Logger.Level.DEBUG, () -> "ZAP: " + decision);
    }

    private static Message reply(
            String requestId, String status, String text, String userId, Map<String, String> metadata) {
        return Message.of(bytes("1.0"), bytes(requestId), bytes(status), bytes(text), bytes(userId), encode(metadata));
    }

    /** The metadata frame: ZMTP properties; names a property cannot carry are left out, with a warning. */
    private static byte[] encode(Map<String, String> metadata) {
        Metadata properties = new Metadata();
        if (metadata != null) {
            metadata.forEach((name, value) -> {
                try {
                    properties.put(name, value);
                } catch (IllegalArgumentException e) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "certificate metadata '" + name + "' left out: " + e.getMessage());
                }
            });
        }
        return properties.encode();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Stops answering and unbinds; bounded (the thread is interrupted out of its wait) and idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.log(System.Logger.Level.WARNING, THREAD_NAME + " did not stop within 10 s");
        }
    }
}
