package dev.zmq4j.transport.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Context;
import dev.zmq4j.ErrorCode;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.interop.LibzmqPeer;
import dev.zmq4j.interop.Traffic;
import dev.zmq4j.interop.ZmqTestSupport;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** ipc:// over real Unix domain sockets, between zmq4j sockets and with libzmq. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IpcTest {
    private Context context;
    private Path directory;

    @BeforeEach
    void setUp() throws IOException {
        context = Context.create();
        directory = Files.createTempDirectory("zmq4j-ipc-test-");
    }

    @AfterEach
    void tearDown() throws IOException {
        context.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    private Socket socket(SocketType type) {
        return ZmqTestSupport.socket(context, type);
    }

    private String endpoint(String name) {
        return "ipc://" + directory.resolve(name);
    }

    @Test
    void shouldExchangeRequestsAndRepliesOverIpc() {
        Socket rep = socket(SocketType.REP);
        rep.bind(endpoint("reqrep"));
        assertThat(rep.lastEndpoint()).isEqualTo(endpoint("reqrep"));
        assertThat(directory.resolve("reqrep")).exists();
        Socket req = socket(SocketType.REQ);
        req.connect(rep.lastEndpoint());
        for (int i = 0; i < 10; i++) {
            req.send("ping " + i);
            assertThat(rep.recvString()).isEqualTo("ping " + i);
            rep.send("pong " + i);
            assertThat(req.recvString()).isEqualTo("pong " + i);
        }
    }

    @Test
    void shouldBindAWildcardPathAndRemoveItsFileOnUnbind() {
        Socket pull = socket(SocketType.PULL);
        pull.bind("ipc://*");
        String bound = pull.lastEndpoint();
        assertThat(bound).startsWith("ipc:///");
        Path file = Path.of(bound.substring("ipc://".length()));
        assertThat(file).exists();
        Socket push = socket(SocketType.PUSH);
        push.connect(bound);
        push.send("through a wildcard path");
        assertThat(pull.recvString()).isEqualTo("through a wildcard path");
        pull.unbind(bound);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (Files.exists(file)) {
            // The listener closes on its I/O thread.
            assertThat(System.nanoTime()).as("socket file removed after unbind").isLessThan(deadline);
            Thread.onSpinWait();
        }
        file.getParent().toFile().delete();
    }

    @Test
    void shouldBindOverAStaleSocketFile() throws IOException {
        Path stale = directory.resolve("stale");
        try (ServerSocketChannel previousRun = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            previousRun.bind(UnixDomainSocketAddress.of(stale));
        }
        assertThat(stale)
                .as("the JDK leaves the file behind, as a crashed process would")
                .exists();
        Socket pull = socket(SocketType.PULL);
        pull.bind("ipc://" + stale);
        Socket push = socket(SocketType.PUSH);
        push.connect("ipc://" + stale);
        push.send("after a stale file");
        assertThat(pull.recvString()).isEqualTo("after a stale file");
    }

    @Test
    void shouldConnectBeforeBindOverIpc() {
        Socket push = socket(SocketType.PUSH);
        push.set(SocketOption.RECONNECT_IVL, 20);
        push.connect(endpoint("later"));
        push.send("queued before the bind");
        Socket pull = socket(SocketType.PULL);
        pull.bind(endpoint("later"));
        assertThat(pull.recvString()).isEqualTo("queued before the bind");
    }

    @Test
    void shouldRejectUnsupportedIpcAddresses() {
        Socket socket = socket(SocketType.PULL);
        assertThatThrownBy(() -> socket.bind("ipc://@abstract"))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("abstract")
                .satisfies(e -> assertThat(((ZmqException) e).code()).isEqualTo(ErrorCode.EPROTONOSUPPORT));
        String longPath = "ipc:///tmp/" + "x".repeat(120);
        assertThatThrownBy(() -> socket.bind(longPath))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("107 bytes")
                .satisfies(e -> assertThat(((ZmqException) e).code()).isEqualTo(ErrorCode.EINVAL));
        assertThatThrownBy(() -> socket.connect("ipc://*"))
                .isInstanceOf(ZmqException.class)
                .satisfies(e -> assertThat(((ZmqException) e).code()).isEqualTo(ErrorCode.EINVAL));
        assertThatThrownBy(() -> socket.bind("ipc:///tmp/nul\0inside"))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("Nul character")
                .satisfies(e -> assertThat(((ZmqException) e).code()).isEqualTo(ErrorCode.EINVAL));
        assertThatThrownBy(() -> socket.connect("ipc:///tmp/nul\0inside"))
                .isInstanceOf(ZmqException.class)
                .satisfies(e -> assertThat(((ZmqException) e).code()).isEqualTo(ErrorCode.EINVAL));
    }

    @Test
    void shouldAnswerALibzmqRequesterOverIpc() {
        Socket rep = socket(SocketType.REP);
        rep.bind(endpoint("libzmq-req"));
        try (LibzmqPeer peer = LibzmqPeer.connected("req-client", rep.lastEndpoint(), "--count", "20")) {
            for (int i = 0; i < 20; i++) {
                Message request = rep.recvMessage();
                assertThat(request).as("request %d from libzmq", i).isNotNull();
                rep.send(request);
            }
            peer.awaitSuccess();
        }
    }

    @Test
    void shouldRequestFromALibzmqReplierBoundOnIpc() {
        try (LibzmqPeer peer = LibzmqPeer.boundAt("rep-echo", endpoint("libzmq-rep"), "--count", "20")) {
            Socket req = socket(SocketType.REQ);
            req.connect(peer.endpoint());
            for (int i = 0; i < 20; i++) {
                req.send("request " + i);
                assertThat(req.recvString()).isEqualTo("request " + i);
            }
            peer.awaitSuccess();
        }
    }

    @Test
    void shouldPullAllMessagesFromALibzmqPusherOverIpc() {
        Socket pull = socket(SocketType.PULL);
        pull.bind(endpoint("libzmq-push"));
        int count = 20_000;
        try (LibzmqPeer peer = LibzmqPeer.connected("push", pull.lastEndpoint(), "--count", Integer.toString(count))) {
            for (int i = 0; i < count; i++) {
                assertThat(pull.recv()).as("message %d", i).isEqualTo(Traffic.payload(i));
            }
            peer.awaitSuccess();
        }
    }

    @Test
    void shouldPushAllMessagesToALibzmqPullerBoundOnIpc() {
        int count = 20_000;
        try (LibzmqPeer peer =
                LibzmqPeer.boundAt("pull", endpoint("libzmq-pull"), "--count", Integer.toString(count))) {
            Socket push = socket(SocketType.PUSH);
            push.connect(peer.endpoint());
            for (int i = 0; i < count; i++) {
                assertThat(push.send(Traffic.payload(i))).isTrue();
            }
            peer.awaitSuccess();
        }
    }
}
