package dev.zmq4j.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketEventListener;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * libzmq's security test fixture (tests/testutil_security.cpp) for zmq4j: a DEALER server with routing id "IDENT"
 * bound to an ephemeral tcp port, its events recorded, clients made and configured by the test, and the
 * {@code bounce} that says whether messages pass.
 *
 * <p>Used by one test thread.
 */
final class SecurityFixture implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);
    /** How long a message that must not arrive is waited for (libzmq's tests use 250 ms as well). */
    static final int NOT_ARRIVING_MS = 250;

    final Context context = Context.create();
    final Socket server;
    final Events serverEvents = new Events("server");
    final String endpoint;
    private final List<Socket> clients = new ArrayList<>();

    SecurityFixture(Consumer<Socket> configureServer) {
        server = context.socket(SocketType.DEALER);
        server.set(SocketOption.LINGER, 0);
        server.set(SocketOption.ROUTING_ID, "IDENT".getBytes());
        server.set(SocketOption.RCVTIMEO, (int) WAIT.toMillis());
        server.addEventListener(serverEvents, SocketEvent.ALL);
        configureServer.accept(server);
        server.bind("tcp://127.0.0.1:*");
        endpoint = server.lastEndpoint();
    }

    Socket client(Consumer<Socket> configure, Events events) {
        Socket client = context.socket(SocketType.DEALER);
        client.set(SocketOption.LINGER, 0);
        client.set(SocketOption.RCVTIMEO, (int) WAIT.toMillis());
        if (events != null) {
            client.addEventListener(events, SocketEvent.ALL);
        }
        configure.accept(client);
        client.connect(endpoint);
        clients.add(client);
        return client;
    }

    /** A message each way between client and server; returns what the server received. */
    Message bounce(Socket client) {
        assertThat(client.send(Message.of("hello", "world"))).isTrue();
        Message atServer = server.recvMessage();
        assertThat(atServer)
                .as("the server received the client's message within " + WAIT)
                .isNotNull();
        assertThat(atServer.getString(0)).isEqualTo("hello");
        assertThat(server.send(Message.of("back"))).isTrue();
        Message atClient = client.recvMessage();
        assertThat(atClient)
                .as("the client received the server's reply within " + WAIT)
                .isNotNull();
        return atServer;
    }

    /** A message sent by the client does not reach the server (the handshake never completes). */
    void expectBounceFails(Socket client) {
        client.set(SocketOption.SNDTIMEO, NOT_ARRIVING_MS);
        client.send(Message.of("hello"));
        server.set(SocketOption.RCVTIMEO, NOT_ARRIVING_MS);
        try {
            assertThat(server.recvMessage()).as("a message got through").isNull();
        } finally {
            server.set(SocketOption.RCVTIMEO, (int) WAIT.toMillis());
        }
    }

    /** Closes a client early: the server then sees its peer gone. */
    /**
     * Connects as a vanilla ZMTP/1.0 peer (an empty identity), sends the message "sneaky" and expects it never to
     * reach the server. The server may drop such a peer as soon as it reads the greeting, before the rest is
     * written: a failed write passes too, what matters is that nothing arrives.
     */
    void expectNothingFromAZmtp10Peer() throws IOException {
        URI uri = URI.create(endpoint);
        try (java.net.Socket raw = new java.net.Socket()) {
            raw.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), (int) WAIT.toMillis());
            byte[] sneaky = "sneaky\0".getBytes(StandardCharsets.US_ASCII);
            byte[] bytes = new byte[4 + sneaky.length];
            bytes[0] = 1; // greeting: length 1, flags 0 (an empty identity)
            bytes[2] = (byte) sneaky.length; // message: length 8, flags 0
            System.arraycopy(sneaky, 0, bytes, 4, sneaky.length);
            try {
                OutputStream out = raw.getOutputStream();
                out.write(bytes);
                out.flush();
            } catch (IOException droppedEarly) {
                // See above.
            }
            server.set(SocketOption.RCVTIMEO, NOT_ARRIVING_MS);
            assertThat(server.recvMessage())
                    .as("a message from a ZMTP/1.0 peer")
                    .isNull();
        }
    }

    void closeClient(Socket client) {
        clients.remove(client);
        client.close();
    }

    @Override
    public void close() {
        for (Socket client : clients) {
            client.close();
        }
        server.close();
        context.close();
    }

    /** A socket's events, in order, with bounded waits. */
    static final class Events implements SocketEventListener {
        private final String name;
        private final BlockingQueue<SocketEvent> queue = new LinkedBlockingQueue<>();
        private final List<SocketEvent> seen = new ArrayList<>();

        Events(String name) {
            this.name = name;
        }

        @Override
        public void onEvent(SocketEvent event) {
            queue.add(event);
        }

        /** Waits for the first event of {@code type} and returns it. */
        SocketEvent await(SocketEvent.Type type) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                SocketEvent event;
                try {
                    event = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
                if (event == null) {
                    throw new AssertionError("no " + type + " from the " + name + " within " + WAIT + "; saw " + seen);
                }
                seen.add(event);
                if (event.type() == type) {
                    return event;
                }
            }
        }

        /** Waits for an event of {@code type} and checks its value. */
        void expect(SocketEvent.Type type, int value) {
            assertThat(await(type).value()).as(type + " value at the " + name).isEqualTo(value);
        }

        /** The events of these types seen so far or arriving now, without waiting. */
        List<SocketEvent> drain() {
            queue.drainTo(seen);
            return List.copyOf(seen);
        }
    }
}
