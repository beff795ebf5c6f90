package dev.zmq4j.scenario;

import static dev.zmq4j.protocol.GoldenVectors.DEALER_READY;
import static dev.zmq4j.protocol.GoldenVectors.NULL_GREETING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What an idle connection costs the server's heap. Each connection here completes a real NULL handshake (greeting
 * and READY written by hand), then stays silent, as most of a server's peers do. An engine that kept its own 64 KiB
 * read and write buffers and 8 KiB decoder scratch cost about 148 KiB each; the bound is 32 KiB (issue 12 item 6;
 * {@code zmq-perf/bin/connection-cost} measures it next to libzmq).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class IdleConnectionMemoryTest {
    private static final int CONNECTIONS = 400;
    private static final long BOUND_PER_CONNECTION = 32 * 1024;

    private final List<SocketChannel> peers = new ArrayList<>();

    @AfterEach
    void closePeers() throws IOException {
        for (SocketChannel peer : peers) {
            peer.close();
        }
    }

    @Test
    void shouldHoldLessThan32KiBOfHeapPerIdleConnection() throws Exception {
        try (Context context = Context.create(1);
                Socket router = context.socket(SocketType.ROUTER)) {
            router.set(SocketOption.LINGER, 0);
            AtomicInteger handshakes = new AtomicInteger();
            router.addEventListener(event -> handshakes.incrementAndGet(), SocketEvent.Type.HANDSHAKE_SUCCEEDED.code());
            router.bind("tcp://127.0.0.1:*");
            URI endpoint = URI.create(router.lastEndpoint());
            InetSocketAddress address = new InetSocketAddress(endpoint.getHost(), endpoint.getPort());
            connectOne(address); // the classes and first allocations of a connection, out of the measurement
            awaitHandshakes(handshakes, 1);

            long before = liveHeap();
            for (int i = 0; i < CONNECTIONS; i++) {
                connectOne(address);
            }
            awaitHandshakes(handshakes, CONNECTIONS + 1);
            long perConnection = (liveHeap() - before) / CONNECTIONS;

            assertThat(perConnection)
                    .as("live heap bytes per idle connection, over %d connections", CONNECTIONS)
                    .isLessThan(BOUND_PER_CONNECTION);
        }
    }

    private void connectOne(InetSocketAddress address) throws IOException {
        SocketChannel peer = SocketChannel.open(address);
        peers.add(peer);
        ByteBuffer hello = ByteBuffer.allocate(NULL_GREETING.length + DEALER_READY.length)
                .put(NULL_GREETING)
                .put(DEALER_READY)
                .flip();
        while (hello.hasRemaining()) {
            peer.write(hello);
        }
    }

    private static void awaitHandshakes(AtomicInteger handshakes, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (handshakes.get() < count) {
            assertThat(System.nanoTime() < deadline)
                    .as("%d handshakes within 60 s; %d done", count, handshakes.get())
                    .isTrue();
            Thread.onSpinWait();
        }
    }

    private static long liveHeap() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(
                    used,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
