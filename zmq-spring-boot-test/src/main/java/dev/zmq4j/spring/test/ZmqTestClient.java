package dev.zmq4j.spring.test;

import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.spring.core.ZmqRemoteException;
import dev.zmq4j.spring.support.PayloadConverter;
import dev.zmq4j.spring.support.ZmqErrorReplies;
import java.time.Duration;
import java.util.Arrays;

/**
 * One client socket of a test, connected to a socket of the application under test: a REQ or DEALER asks a REP or
 * ROUTER listener, a CLIENT asks a SERVER listener, a PUSH feeds a PULL listener and a SCATTER a GATHER listener, a
 * SUB listens to a PUB template (any other type works with the raw {@link #sendMessage}/{@link #receiveMessage}). Payloads go through the application's message converter, as a
 * {@code ZmqTemplate}'s do: {@code byte[]} as is, {@code String} as UTF-8, anything else as JSON with Jackson.
 *
 * <p>Every wait is bounded: a receive that gets nothing within the timeout (10 s unless {@link #withTimeout}) fails
 * with an {@link AssertionError} naming the endpoint, so a missing reply fails the test instead of hanging it. A
 * {@code zmq4j-error} reply makes {@link #request} throw {@link ZmqRemoteException}, as the template does.
 *
 * <p>A DEALER client speaks to REP and ROUTER listeners as a REQ would: it sends {@code [empty][payload]} and drops
 * the empty frame in front of a reply. A REQ client may send again after a request that timed out
 * (REQ_RELAXED, REQ_CORRELATE), so one test can go on after a missing reply.
 *
 * <p>Made by {@link ZmqTestClients}, which closes it after the test method; {@link #close()} earlier is fine. Not
 * thread-safe: use it from one thread at a time (the test's), as any ZeroMQ socket.
 */
public final class ZmqTestClient implements AutoCloseable {
    private final Socket socket;
    private final String endpoint;
    private final PayloadConverter converter;
    private final Runnable onClose;
    private Duration timeout;
    private boolean closed;

    ZmqTestClient(Socket socket, String endpoint, PayloadConverter converter, Duration timeout, Runnable onClose) {
        this.socket = socket;
        this.endpoint = endpoint;
        this.converter = converter;
        this.timeout = timeout;
        this.onClose = onClose;
    }

    public SocketType getType() {
        return socket.type();
    }

    /** The endpoint this client connected to, resolved ({@code tcp://127.0.0.1:40123}). */
    public String getEndpoint() {
        return endpoint;
    }

    /** The bound on every later wait of this client. */
    public ZmqTestClient withTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a ZmqTestClient timeout must be positive, not " + timeout);
        }
        this.timeout = timeout;
        return this;
    }

    /**
     * Sends {@code payload}, converted, as one message (a {@link Message} keeps its frames); a DEALER puts the empty
     * delimiter in front. PUSH, DEALER, REQ and CLIENT (then {@link #receive} the reply), PAIR and SCATTER. Fails if the socket cannot
     * take the message within the timeout (the listener paused and its queue full, or no peer).
     */
    public ZmqTestClient send(Object payload) {
        requireType(
                "send",
                SocketType.PUSH,
                SocketType.DEALER,
                SocketType.REQ,
                SocketType.PAIR,
                SocketType.CLIENT,
                SocketType.SCATTER);
        sendMessage(withDelimiter(converter.toFrames(payload)));
        return this;
    }

    /** Sends {@code frames} exactly as given (no delimiter added); fails if not taken within the timeout. */
    public ZmqTestClient sendMessage(Message frames) {
        socket.set(SocketOption.SNDTIMEO, millis(timeout));
        if (!socket.send(frames)) {
            throw new AssertionError("zmq test client (" + getType() + " to " + endpoint + ") could not send within "
                    + timeout + ": no peer took the message");
        }
        return this;
    }

    /** Sends a request and waits for its reply, converted to {@code replyType}. REQ, DEALER and CLIENT. */
    public <T> T request(Object payload, Class<T> replyType) {
        requireType("request", SocketType.REQ, SocketType.DEALER, SocketType.CLIENT);
        send(payload);
        return receive(replyType);
    }

    /**
     * The next message's payload (its last frame), converted to {@code replyType}; a SUB's topic frame is skipped
     * that way, and {@code Message.class} gives every frame. Throws {@link ZmqRemoteException} for a
     * {@code zmq4j-error} reply.
     */
    public <T> T receive(Class<T> replyType) {
        Message received = withoutDelimiter(receiveMessage());
        if (ZmqErrorReplies.isError(received)) {
            throw new ZmqRemoteException(endpoint, ZmqErrorReplies.description(received));
        }
        return converter.fromFrames(received, replyType);
    }

    /** The next message as received, every frame; fails if none comes within the timeout. */
    public Message receiveMessage() {
        socket.set(SocketOption.RCVTIMEO, millis(timeout));
        Message received = socket.recvMessage();
        if (received == null) {
            throw new AssertionError(
                    "zmq test client (" + getType() + " to " + endpoint + ") received nothing within " + timeout);
        }
        return received;
    }

    /** Closes the socket (LINGER 0: what it has not sent is dropped). Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            socket.close();
        } finally {
            onClose.run();
        }
    }

    private Message withDelimiter(Message frames) {
        if (getType() != SocketType.DEALER) {
            return frames;
        }
        byte[][] all = new byte[frames.size() + 1][];
        all[0] = new byte[0];
        for (int i = 0; i < frames.size(); i++) {
            all[i + 1] = frames.get(i);
        }
        return Message.of(all);
    }

    private Message withoutDelimiter(Message received) {
        if (getType() != SocketType.DEALER || received.size() < 2 || received.get(0).length != 0) {
            return received;
        }
        byte[][] rest = new byte[received.size() - 1][];
        for (int i = 1; i < received.size(); i++) {
            rest[i - 1] = received.get(i);
        }
        return Message.of(rest);
    }

    private void requireType(String operation, SocketType... types) {
        if (!Arrays.asList(types).contains(getType())) {
            throw new IllegalStateException("a " + getType() + " zmq test client cannot " + operation + "; use one of "
                    + Arrays.toString(types));
        }
    }

    boolean socketIs(Socket other) {
        return socket == other;
    }

    private static int millis(Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    }

    @Override
    public String toString() {
        return "ZmqTestClient[" + getType() + " to " + endpoint + "]";
    }
}
