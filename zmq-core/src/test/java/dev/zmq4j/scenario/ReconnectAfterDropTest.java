package dev.zmq4j.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Async;
import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReconnectAfterDropTest {
    @Test
    void shouldReconnectOnItsOwnAfterThePeerDropsTheConnection() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open();
                Context context = Context.create(1);
                Socket dealer = context.socket(SocketType.DEALER)) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            dealer.set(SocketOption.LINGER, 0);
            dealer.connect("tcp://127.0.0.1:" + port);

            SocketChannel first = server.accept();
            first.close(); // the engine sees EOF, the session schedules a reconnect after RECONNECT_IVL (100 ms)

            CompletableFuture<SocketChannel> second = Async.supply(() -> {
                try {
                    return server.accept();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            SocketChannel reconnected = second.get(10, TimeUnit.SECONDS);
            assertThat(reconnected.isConnected()).isTrue();
            reconnected.close();
        }
    }
}
