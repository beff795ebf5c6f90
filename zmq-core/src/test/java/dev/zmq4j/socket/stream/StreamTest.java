package dev.zmq4j.socket.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Async;
import dev.zmq4j.Context;
import dev.zmq4j.ErrorCode;
import dev.zmq4j.Message;
import dev.zmq4j.Poller;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.interop.ZmqTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** STREAM with plain TCP and Unix-domain peers that know nothing of ZeroMQ, as libzmq's ZMQ_STREAM. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamTest {
    private static final int SOCKET_TIMEOUT_MS = ZmqTestSupport.TIMEOUT_MS;

    private final Context context = Context.create();
    private final List<AutoCloseable> plainSockets = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable plain : plainSockets) {
            plain.close();
        }
        context.close();
    }

    private Socket stream() {
        return ZmqTestSupport.socket(context, SocketType.STREAM);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A blocking java.net client of a zmq4j endpoint {@code tcp://host:port}, with a read timeout. */
    private java.net.Socket plainClient(String endpoint) throws IOException {
        int colon = endpoint.lastIndexOf(':');
        java.net.Socket client =
                new java.net.Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(endpoint.substring(colon + 1)));
        client.setSoTimeout(SOCKET_TIMEOUT_MS);
        plainSockets.add(client);
        return client;
    }

    private static Message receive(Socket socket, String what) {
        Message message = socket.recvMessage();
        if (message == null) {
            throw new AssertionError("the zmq4j STREAM received no " + what + " within its RCVTIMEO");
        }
        assertThat(message.size()).as("frames of " + what).isEqualTo(2);
        return message;
    }

    /** Receives a connect (or disconnect) notification and returns the routing id it names. */
    private static byte[] receiveNotification(Socket socket, String what) {
        Message message = receive(socket, what);
        assertThat(message.get(1)).as("data frame of " + what).isEmpty();
        return message.get(0);
    }

    /** Collects the data of {@code routingId} until {@code total} bytes came (the network may split them). */
    private static byte[] receiveBytes(Socket socket, byte[] routingId, int total) {
        ByteArrayOutputStream collected = new ByteArrayOutputStream(total);
        while (collected.size() < total) {
            Message message = receive(socket, "data (" + collected.size() + " of " + total + " bytes so far)");
            assertThat(message.get(0)).as("routing id").isEqualTo(routingId);
            assertThat(message.get(1))
                    .as("a data chunk, not a notification, after " + collected.size() + " bytes")
                    .isNotEmpty();
            collected.writeBytes(message.get(1));
        }
        assertThat(collected.size()).as("bytes received").isEqualTo(total);
        return collected.toByteArray();
    }

    private static void send(Socket socket, byte[] routingId, byte[] data) {
        assertThat(socket.send(routingId, Socket.SNDMORE))
                .as("routing id frame sent")
                .isTrue();
        assertThat(socket.send(data)).as("data frame sent").isTrue();
    }

    private static byte[] readExactly(InputStream in, int count) throws IOException {
        byte[] data = in.readNBytes(count);
        assertThat(data.length).as("bytes the plain client read before EOF").isEqualTo(count);
        return data;
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    @Test
    void shouldExchangeRawBytesWithAPlainTcpClient() throws IOException {
        Socket server = stream();
        server.bind("tcp://127.0.0.1:*");
        java.net.Socket client = plainClient(server.lastEndpoint());

        byte[] id = receiveNotification(server, "connect notification");
        assertThat(id).hasSize(5);
        assertThat(id[0]).as("generated routing ids start with 0x00").isZero();

        client.getOutputStream().write(bytes("hello, server"));
        assertThat(receiveBytes(server, id, 13))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("hello, server");

        send(server, id, bytes("hello, client"));
        assertThat(readExactly(client.getInputStream(), 13))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("hello, client");

        client.close();
        assertThat(receiveNotification(server, "disconnect notification")).isEqualTo(id);
    }

    @Test
    void shouldCloseTheConnectionWhenSentAnEmptyFrame() throws IOException {
        Socket server = stream();
        server.bind("tcp://127.0.0.1:*");
        java.net.Socket client = plainClient(server.lastEndpoint());
        byte[] id = receiveNotification(server, "connect notification");

        send(server, id, bytes("goodbye"));
        send(server, id, new byte[0]);

        InputStream in = client.getInputStream();
        assertThat(readExactly(in, 7)).asString(StandardCharsets.UTF_8).isEqualTo("goodbye");
        assertThat(in.read()).as("the plain client sees the end of the stream").isEqualTo(-1);
        assertThatThrownBy(() -> server.send(id, Socket.SNDMORE))
                .isInstanceOf(ZmqException.class)
                .satisfies(e -> assertThat(((ZmqException) e).code()).isEqualTo(ErrorCode.EHOSTUNREACH));
    }

    @Test
    void shouldTalkToAPlainTcpServerAfterConnecting() throws Exception {
        try (ServerSocket httpServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            httpServer.setSoTimeout(SOCKET_TIMEOUT_MS);
            String response = "HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nhello";
            CompletableFuture<String> request = Async.supply(() -> {
                try (java.net.Socket connection = httpServer.accept()) {
                    connection.setSoTimeout(SOCKET_TIMEOUT_MS);
                    String head = readHead(connection.getInputStream());
                    connection.getOutputStream().write(bytes(response));
                    return head;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });

            Socket client = stream();
            client.set(SocketOption.RECONNECT_IVL, -1);
            client.connect("tcp://127.0.0.1:" + httpServer.getLocalPort());
            byte[] id = receiveNotification(client, "connect notification");
            send(client, id, bytes("GET / HTTP/1.0\r\nHost: localhost\r\n\r\n"));

            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                Message message = receive(client, "response data or the disconnect notification");
                assertThat(message.get(0)).isEqualTo(id);
                if (message.get(1).length == 0) {
                    break;
                }
                body.writeBytes(message.get(1));
            }
            assertThat(body.toString(StandardCharsets.UTF_8)).isEqualTo(response);
            assertThat(request.get(SOCKET_TIMEOUT_MS, TimeUnit.MILLISECONDS))
                    .isEqualTo("GET / HTTP/1.0\r\nHost: localhost\r\n\r\n");
        }
    }

    @Test
    void shouldNameAConnectionWithConnectRoutingIdAndRefuseItTwice() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 2, InetAddress.getLoopbackAddress())) {
            Socket client = stream();
            client.set(SocketOption.CONNECT_ROUTING_ID, bytes("backend-1"));
            client.connect("tcp://127.0.0.1:" + server.getLocalPort());
            assertThat(receiveNotification(client, "connect notification")).isEqualTo(bytes("backend-1"));

            client.set(SocketOption.CONNECT_ROUTING_ID, bytes("backend-1"));
            assertThatThrownBy(() -> client.connect("tcp://127.0.0.1:" + server.getLocalPort()))
                    .isInstanceOf(ZmqException.class)
                    .hasMessageContaining("CONNECT_ROUTING_ID")
                    .hasMessageContaining("already has that routing id");
        }
    }

    @Test
    void shouldBePolledAndReportAPeerThatLeftAsDisconnected() throws Exception {
        Socket server = stream();
        server.bind("tcp://127.0.0.1:*");
        java.util.concurrent.BlockingQueue<SocketEvent> events = new java.util.concurrent.LinkedBlockingQueue<>();
        server.addEventListener(events::add, SocketEvent.Type.ACCEPTED.code() | SocketEvent.Type.DISCONNECTED.code());
        try (Poller poller = context.poller()) {
            poller.register(server, Poller.POLLIN);
            assertThat(poller.poll(0)).isZero();
            java.net.Socket client = plainClient(server.lastEndpoint());
            assertThat(poller.poll(SOCKET_TIMEOUT_MS))
                    .as("the connect notification is readable")
                    .isEqualTo(1);
            byte[] id = receiveNotification(server, "connect notification");
            client.close();
            assertThat(poller.poll(SOCKET_TIMEOUT_MS))
                    .as("the disconnect notification is readable")
                    .isEqualTo(1);
            assertThat(receiveNotification(server, "disconnect notification")).isEqualTo(id);
        }
        SocketEvent accepted = events.poll(SOCKET_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        SocketEvent disconnected = events.poll(SOCKET_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertThat(accepted).isNotNull().extracting(SocketEvent::type).isEqualTo(SocketEvent.Type.ACCEPTED);
        assertThat(disconnected).isNotNull().extracting(SocketEvent::type).isEqualTo(SocketEvent.Type.DISCONNECTED);
        assertThat(disconnected.value())
                .as("the same connection number as ACCEPTED")
                .isEqualTo(accepted.value());
    }

    /** Reads up to and including the blank line that ends an HTTP request head. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("the request ended before its blank line: " + head);
            }
            head.write(next);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void shouldGiveEveryConnectionItsOwnRoutingId() throws IOException {
        Socket server = stream();
        server.bind("tcp://127.0.0.1:*");
        int count = 8;
        List<java.net.Socket> clients = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < count; i++) {
            clients.add(plainClient(server.lastEndpoint()));
            ids.add(Arrays.toString(receiveNotification(server, "connect notification " + i)));
        }
        assertThat(ids).as("routing ids of " + count + " connections").hasSize(count);

        for (int i = 0; i < count; i++) {
            clients.get(i).getOutputStream().write(new byte[] {(byte) i});
        }
        // Answer each client with its own byte, through the routing id it arrived with.
        for (int i = 0; i < count; i++) {
            Message message = receive(server, "one byte from a client");
            assertThat(message.get(1)).hasSize(1);
            send(server, message.get(0), new byte[] {(byte) (message.get(1)[0] + 100)});
        }
        for (int i = 0; i < count; i++) {
            assertThat(clients.get(i).getInputStream().read())
                    .as("reply to client " + i)
                    .isEqualTo(i + 100);
        }
    }

    @Test
    void shouldRefuseAnUnknownRoutingIdAsLibzmqDoes() throws IOException {
        Socket server = stream();
        server.bind("tcp://127.0.0.1:*");
        byte[] unknown = {0, 1, 2, 3, 4};
        assertThatThrownBy(() -> server.send(unknown, Socket.SNDMORE))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("0001020304")
                .satisfies(e -> assertThat(((ZmqException) e).code()).isEqualTo(ErrorCode.EHOSTUNREACH));
        // A lone frame (no SNDMORE) is dropped; neither leaves the socket out of step.
        assertThat(server.send(bytes("lone frame"))).isTrue();

        java.net.Socket client = plainClient(server.lastEndpoint());
        byte[] id = receiveNotification(server, "connect notification");
        send(server, id, bytes("still in step"));
        assertThat(readExactly(client.getInputStream(), 13))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("still in step");
    }

    @Test
    void shouldRefuseSendsToAConnectionThatEnded() throws IOException {
        Socket server = stream();
        server.bind("tcp://127.0.0.1:*");
        java.net.Socket client = plainClient(server.lastEndpoint());
        byte[] id = receiveNotification(server, "connect notification");
        client.close();
        assertThat(receiveNotification(server, "disconnect notification")).isEqualTo(id);

        // Until the socket has heard that the pipe ends, a send still goes into it (to be dropped); after that,
        // the routing id is refused at once instead of waiting for room that never comes.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SOCKET_TIMEOUT_MS);
        ZmqException refused = null;
        while (refused == null && System.nanoTime() < deadline) {
            try {
                send(server, id, bytes("too late"));
            } catch (ZmqException e) {
                refused = e;
            }
        }
        assertThat(refused).as("EHOSTUNREACH for a connection that ended").isNotNull();
        assertThat(refused.code()).isEqualTo(ErrorCode.EHOSTUNREACH);
    }

    @Test
    void shouldRefuseInprocEndpoints() {
        Socket socket = stream();
        assertThatThrownBy(() -> socket.bind("inproc://raw"))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("inproc://raw")
                .hasMessageContaining("STREAM")
                .satisfies(e -> assertThat(((ZmqException) e).code()).isEqualTo(ErrorCode.ENOCOMPATPROTO));
        assertThatThrownBy(() -> socket.connect("inproc://raw"))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("inproc://raw")
                .satisfies(e -> assertThat(((ZmqException) e).code()).isEqualTo(ErrorCode.ENOCOMPATPROTO));
    }

    @Test
    void shouldDeliverAMegabyteIntactInBothDirectionsThroughASmallPipe() throws Exception {
        Socket server = stream();
        // A one-message pipe makes the engine stop and resume reading many times.
        server.set(SocketOption.RCVHWM, 1);
        server.bind("tcp://127.0.0.1:*");
        java.net.Socket client = plainClient(server.lastEndpoint());
        byte[] id = receiveNotification(server, "connect notification");

        byte[] upload = randomBytes(1 << 20, 1);
        CompletableFuture<Void> writing = Async.run(() -> {
            try {
                client.getOutputStream().write(upload);
                client.shutdownOutput();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertThat(receiveBytes(server, id, upload.length)).isEqualTo(upload);
        writing.get(SOCKET_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        // The peer's end of the stream comes after all of its bytes.
        assertThat(receiveNotification(server, "disconnect notification")).isEqualTo(id);
    }

    @Test
    void shouldSendAMegabyteIntact() throws Exception {
        Socket server = stream();
        server.bind("tcp://127.0.0.1:*");
        java.net.Socket client = plainClient(server.lastEndpoint());
        byte[] id = receiveNotification(server, "connect notification");

        byte[] download = randomBytes(1 << 20, 2);
        CompletableFuture<byte[]> reading = Async.supply(() -> {
            try {
                return client.getInputStream().readNBytes(download.length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        send(server, id, download);
        assertThat(reading.get(SOCKET_TIMEOUT_MS, TimeUnit.MILLISECONDS)).isEqualTo(download);
    }

    @Test
    void shouldStayQuietAboutConnectionsWithoutStreamNotify() throws IOException {
        Socket server = stream();
        server.set(SocketOption.STREAM_NOTIFY, false);
        assertThat(server.get(SocketOption.STREAM_NOTIFY)).isFalse();
        server.bind("tcp://127.0.0.1:*");
        java.net.Socket client = plainClient(server.lastEndpoint());
        client.getOutputStream().write(bytes("x"));
        Message first = receive(server, "the first data");
        assertThat(first.get(1)).as("data, not a notification").isEqualTo(bytes("x"));
        client.close();
        server.set(SocketOption.RCVTIMEO, 200);
        assertThat(server.recvMessage()).as("no disconnect notification").isNull();
    }

    @Test
    void shouldOfferStreamNotifyOnStreamSocketsOnly() {
        Socket stream = stream();
        assertThat(stream.get(SocketOption.STREAM_NOTIFY)).as("default").isTrue();
        Socket router = ZmqTestSupport.socket(context, SocketType.ROUTER);
        assertThatThrownBy(() -> router.set(SocketOption.STREAM_NOTIFY, true))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("STREAM_NOTIFY")
                .satisfies(e -> assertThat(((ZmqException) e).code()).isEqualTo(ErrorCode.EINVAL));
    }

    @Test
    void shouldExchangeRawBytesOverIpc(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("raw.sock");
        Socket server = stream();
        server.bind("ipc://" + file);
        SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX);
        plainSockets.add(client);
        client.connect(UnixDomainSocketAddress.of(file));
        byte[] id = receiveNotification(server, "connect notification");

        client.write(ByteBuffer.wrap(bytes("over ipc")));
        assertThat(receiveBytes(server, id, 8)).asString(StandardCharsets.UTF_8).isEqualTo("over ipc");
        send(server, id, bytes("and back"));
        ByteBuffer reply = ByteBuffer.allocate(8);
        while (reply.hasRemaining()) {
            assertThat(client.read(reply)).as("bytes read over ipc").isPositive();
        }
        assertThat(new String(reply.array(), StandardCharsets.UTF_8)).isEqualTo("and back");
        client.close();
        assertThat(receiveNotification(server, "disconnect notification")).isEqualTo(id);
    }

    @Test
    void shouldNotifyAReconnectingClientUnderTheSameRoutingId() throws IOException {
        try (ServerSocket plainServer = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            plainServer.setSoTimeout(SOCKET_TIMEOUT_MS);
            Socket client = stream();
            client.connect("tcp://127.0.0.1:" + plainServer.getLocalPort());
            byte[] id = receiveNotification(client, "connect notification");
            plainServer.accept().close();
            assertThat(receiveNotification(client, "disconnect notification")).isEqualTo(id);
            // As libzmq: the connecting side reconnects, and the pipe (so the routing id) survives.
            try (java.net.Socket second = plainServer.accept()) {
                assertThat(receiveNotification(client, "connect notification after reconnecting"))
                        .isEqualTo(id);
                send(client, id, bytes("again"));
                second.setSoTimeout(SOCKET_TIMEOUT_MS);
                assertThat(readExactly(second.getInputStream(), 5))
                        .asString(StandardCharsets.UTF_8)
                        .isEqualTo("again");
            }
        }
    }
}
