package dev.zmq4j.security;

import dev.zmq4j.Context;
import dev.zmq4j.ErrorCode;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A ZAP handler for tests, the twin of libzmq's {@code zap_handler_generic} (tests/testutil_security.cpp): a REP
 * on {@code inproc://zeromq.zap.01}, on a thread of its own, that lets in NULL peers, PLAIN peers with the one
 * username and password it is given, and CURVE peers with the one client key it is given, and refuses everyone
 * else with 400 "Invalid credentials". A {@link Mode} other than OK makes it misbehave the way libzmq's ZAP tests
 * need. Every request it receives is kept for the test to look at.
 *
 * <p>Start and close on the test thread; the handler's socket lives on its own thread.
 */
final class ZapHandler implements AutoCloseable {
    /** libzmq's zap_protocol_t. */
    enum Mode {
        OK,
        STATUS_300,
        STATUS_500,
        WRONG_VERSION,
        WRONG_REQUEST_ID,
        STATUS_INVALID,
        TOO_MANY_PARTS,
        /** Receives a request, then closes its socket without answering. */
        DISCONNECT,
        /** Never reads a request. */
        DO_NOT_RECV,
        /** Reads a request and never answers. */
        DO_NOT_SEND
    }

    static final String USER_ID = "anonymous";
    static final String REFUSED_DOMAIN = "WRONG";

    private final Context context;
    private final Mode mode;
    private final String plainUser;
    private final String plainPassword;
    private final byte[] curveClientKey;
    private final List<Message> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch bound = new CountDownLatch(1);
    private final Thread thread;
    private volatile Throwable failure;

    private ZapHandler(Context context, Mode mode, String plainUser, String plainPassword, byte[] curveClientKey) {
        this.context = context;
        this.mode = mode;
        this.plainUser = plainUser;
        this.plainPassword = plainPassword;
        this.curveClientKey = curveClientKey;
        this.thread = new Thread(this::run, "test-zap-handler");
        this.thread.setDaemon(true);
    }

    static ZapHandler start(Context context, Mode mode, String plainUser, String plainPassword, byte[] curveKey) {
        ZapHandler handler = new ZapHandler(context, mode, plainUser, plainPassword, curveKey);
        handler.thread.start();
        try {
            if (!handler.bound.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the ZAP handler did not bind within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (handler.failure != null) {
            throw new AssertionError("the ZAP handler failed to start", handler.failure);
        }
        return handler;
    }

    static ZapHandler start(Context context, Mode mode) {
        return start(context, mode, "admin", "password", null);
    }

    private void run() {
        try (Socket socket = context.socket(SocketType.REP)) {
            socket.set(dev.zmq4j.SocketOption.LINGER, 0);
            socket.bind("inproc://zeromq.zap.01");
            bound.countDown();
            if (mode == Mode.DO_NOT_RECV) {
                new CountDownLatch(1).await(); // holds the endpoint, never reading, until close() interrupts
            }
            while (true) {
                Message request = socket.recvMessage();
                requests.add(request);
                if (mode == Mode.DISCONNECT) {
                    return;
                }
                if (mode == Mode.DO_NOT_SEND) {
                    new CountDownLatch(1).await(); // holds the request unanswered until close() interrupts
                }
                socket.send(reply(request));
            }
        } catch (ZmqException e) {
            if (e.code() != ErrorCode.EINTR && e.code() != ErrorCode.ETERM) {
                failure = e;
            }
        } catch (InterruptedException e) {
            // close() stops us
        } catch (Throwable e) {
            failure = e;
        } finally {
            bound.countDown();
        }
    }

    private Message reply(Message request) {
        String version = request.getString(0);
        String requestId = request.getString(1);
        String domain = request.getString(2);
        String mechanism = request.getString(5);
        boolean allowed;
        switch (mechanism) {
            case "NULL":
                // As test_security_null's handler: the domain "WRONG" is refused.
                allowed = !domain.equals(REFUSED_DOMAIN);
                break;
            case "PLAIN":
                allowed = request.getString(6).equals(plainUser)
                        && request.getString(7).equals(plainPassword);
                break;
            case "CURVE":
                allowed = curveClientKey != null && Arrays.equals(request.get(6), curveClientKey);
                break;
            default:
                allowed = false;
        }
        String status = allowed ? "200" : "400";
        // As libzmq's handler, the misbehaviours apply to a peer it would let in.
        switch (allowed ? mode : Mode.OK) {
            case STATUS_300:
                status = "300";
                break;
            case STATUS_500:
                status = "500";
                break;
            case STATUS_INVALID:
                status = "invalid_status";
                break;
            case WRONG_VERSION:
                version = "invalid_version";
                break;
            case WRONG_REQUEST_ID:
                requestId = "invalid_request_id";
                break;
            default:
                break;
        }
        byte[][] frames = {
            bytes(version),
            bytes(requestId),
            bytes(status),
            bytes(allowed ? "OK" : "Invalid credentials"),
            bytes(allowed ? USER_ID : ""),
            new byte[0],
            bytes("too many parts")
        };
        return Message.of(mode == Mode.TOO_MANY_PARTS ? frames : Arrays.copyOf(frames, 6));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The requests received so far (the REP strips the empty delimiter: version first). */
    List<Message> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            throw new AssertionError("the ZAP handler did not stop within 10 s");
        }
        if (failure != null) {
            throw new AssertionError("the ZAP handler failed", failure);
        }
    }
}
