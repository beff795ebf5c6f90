package dev.zmq4j.interop;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Helpers shared by the interop and scenario tests: bounded receives, free ports, bounded calls, thread checks. */
public final class ZmqTestSupport {
    /** RCVTIMEO and SNDTIMEO of the sockets made by {@link #socket}: a hang becomes a failure, not a stuck build. */
    public static final int TIMEOUT_MS = 10_000;

    private ZmqTestSupport() {}

    /** A zmq4j socket with LINGER 0 and bounded receives and sends ({@link #TIMEOUT_MS}). */
    public static Socket socket(Context context, SocketType type) {
        Socket socket = context.socket(type);
        socket.set(SocketOption.LINGER, 0);
        socket.set(SocketOption.RCVTIMEO, TIMEOUT_MS);
        socket.set(SocketOption.SNDTIMEO, TIMEOUT_MS);
        return socket;
    }

    /** UTF-8 bytes of a text. */
    public static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The subscription message 0x01 + topic, as a SUB sends it and an XSUB or XPUB application writes it. */
    public static byte[] subscription(String topic) {
        byte[] topicBytes = bytes(topic);
        byte[] message = new byte[topicBytes.length + 1];
        message[0] = 1;
        System.arraycopy(topicBytes, 0, message, 1, topicBytes.length);
        return message;
    }

    /** Receives one message or fails naming {@code what} and the peer's diagnostics. */
    public static Message receiveMessage(Socket socket, String what, Supplier<String> diagnostics) {
        Message message = socket.recvMessage();
        if (message == null) {
            throw new AssertionError(
                    "zmq4j " + socket.type() + " received no " + what + " within its RCVTIMEO" + diagnostics.get());
        }
        return message;
    }

    /**
     * One message from {@code socket} within {@code wait} as its frames, or null if none came; RCVTIMEO is back at
     * {@link #TIMEOUT_MS} afterwards.
     */
    public static List<byte[]> pollFrames(Socket socket, Duration wait) {
        socket.set(SocketOption.RCVTIMEO, (int) wait.toMillis());
        try {
            Message message = socket.recvMessage();
            if (message == null) {
                return null;
            }
            List<byte[]> frames = new ArrayList<>();
            message.forEach(frames::add);
            return frames;
        } finally {
            socket.set(SocketOption.RCVTIMEO, TIMEOUT_MS);
        }
    }

    /** Sends one message or fails naming {@code what} and the peer's diagnostics. */
    public static void sendMessage(Socket socket, Message message, String what, Supplier<String> diagnostics) {
        if (!socket.send(message)) {
            throw new AssertionError(
                    "zmq4j " + socket.type() + " could not send " + what + " within its SNDTIMEO" + diagnostics.get());
        }
    }

    /** Fails unless the two messages have the same frames. */
    public static void assertFrames(
            Iterable<byte[]> actual, Iterable<byte[]> expected, String what, Supplier<String> diagnostics) {
        var a = actual.iterator();
        var e = expected.iterator();
        boolean same = true;
        while (same && a.hasNext() && e.hasNext()) {
            same = Arrays.equals(a.next(), e.next());
        }
        if (!same || a.hasNext() || e.hasNext()) {
            throw new AssertionError(
                    what + " was " + Traffic.show(actual) + ", expected " + Traffic.show(expected) + diagnostics.get());
        }
    }

    /**
     * A TCP port on 127.0.0.1 that was free a moment ago: bound with port 0, read, closed. Small race: another
     * process may take the port between this call and its use; with the kernel's ephemeral allocation that is
     * unlikely enough for a test, and the failure would be a clear EADDRINUSE, not a hang.
     */
    public static int freeTcpPort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }

    /**
     * A UDP port on 127.0.0.1 that was free a moment ago, for a peer that cannot bind an ephemeral udp port (libzmq):
     * a channel bound with port 0, read, closed. The same small race as {@link #freeTcpPort()}.
     */
    public static int freeUdpPort() {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return ((InetSocketAddress) probe.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free udp port", e);
        }
    }

    /**
     * Binds {@code endpoint} again once the socket that had it (in a context just closed) has let go of its port:
     * retries for up to 5 s, then fails.
     */
    public static void bindWhenFree(Socket socket, String endpoint) {
        bindWhenFree(socket, endpoint, () -> {});
    }

    /** {@link #bindWhenFree(Socket, String)}, running {@code whileWaiting} after each failed attempt. */
    public static void bindWhenFree(Socket socket, String endpoint, Runnable whileWaiting) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try {
                socket.bind(endpoint);
                return;
            } catch (ZmqException portNotFreeYet) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError(endpoint + " is still in use after 5 s", portNotFreeYet);
                }
                whileWaiting.run();
                Thread.onSpinWait();
            }
        }
    }

    /**
     * Runs {@code action} on a helper thread and fails if it does not return within {@code limit}, with the
     * helper's stack and the live zmq4j threads in the message. Exceptions of the action are rethrown.
     */
    public static void runBounded(String what, Duration limit, Runnable action) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread helper = new Thread(
                () -> {
                    try {
                        action.run();
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                },
                "test-bounded-" + what);
        helper.setDaemon(true);
        helper.start();
        try {
            helper.join(limit.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what);
        }
        if (helper.isAlive()) {
            throw new AssertionError(what + " did not return within " + limit.toMillis() + " ms; it is at:\n"
                    + stack(helper) + "\nzmq4j threads alive: " + describe(zmq4jThreads()));
        }
        Throwable thrown = failure.get();
        if (thrown instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
    }

    /** The live threads whose name starts with {@code zmq4j-} (the engine's I/O and reaper threads). */
    public static Set<Thread> zmq4jThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("zmq4j-") && thread.isAlive())
                .collect(Collectors.toSet());
    }

    /** Thread names with their stacks, for failure messages. */
    public static String describe(Set<Thread> threads) {
        if (threads.isEmpty()) {
            return "none";
        }
        Map<Thread, StackTraceElement[]> stacks = Thread.getAllStackTraces();
        return threads.stream()
                .map(thread -> thread.getName() + " (" + thread.getState() + ")\n"
                        + format(stacks.getOrDefault(thread, new StackTraceElement[0])))
                .collect(Collectors.joining("\n"));
    }

    private static String stack(Thread thread) {
        return format(thread.getStackTrace());
    }

    private static String format(StackTraceElement[] stack) {
        return Arrays.stream(stack).limit(25).map(frame -> "    at " + frame).collect(Collectors.joining("\n"));
    }

    /** The next event of {@code type}, skipping others; fails after 10 s naming what came instead. */
    public static SocketEvent awaitEvent(BlockingQueue<SocketEvent> events, SocketEvent.Type type)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            SocketEvent event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event != null && event.type() == type) {
                return event;
            }
            if (event != null) {
                seen.append(event.type()).append(' ');
            }
        }
        throw new AssertionError("no " + type + " within 10 s; saw: " + seen);
    }

    /**
     * An endpoint to bind on {@code transport} with nothing fixed: a fresh inproc name, a fresh ipc path
     * ({@code ipc://*}), or an ephemeral port on 127.0.0.1 for tcp and ws.
     */
    public static String ephemeralEndpoint(String transport) {
        switch (transport) {
            case "inproc":
                return "inproc://test-" + System.nanoTime();
            case "ipc":
                return "ipc://*";
            default:
                return transport + "://127.0.0.1:*";
        }
    }
}
