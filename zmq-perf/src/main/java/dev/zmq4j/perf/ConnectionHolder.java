package dev.zmq4j.perf;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * The zmq4j side of {@code bin/connection-cost}: a ROUTER that holds the connections another process makes, and
 * reports what holding them costs. Prints {@code endpoint <endpoint>}, then, once one message has come over each of
 * the {@code connections} it waits for (or, with {@code raw}, once a line arrives on stdin: the client's connections
 * never speak ZMTP, or stop after the greeting), {@code cost <connections> <rss delta KiB> <heap delta bytes>
 * <setup ms>}: resident set and live heap (after full collections) measured before the first connection and with all
 * of them open, and the time from printing the endpoint to the last message.
 *
 * <p>usage: ConnectionHolder connections [raw]
 */
public final class ConnectionHolder {
    private ConnectionHolder() {}

    public static void main(String[] args) throws Exception {
        int connections = Integer.parseInt(args[0]);
        boolean raw = args.length > 1 && args[1].equals("raw");
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        try (Context context = Context.create(1);
                Socket router = context.socket(SocketType.ROUTER)) {
            router.set(SocketOption.LINGER, 0);
            router.set(SocketOption.RCVHWM, 0);
            router.bind("tcp://127.0.0.1:*");
            long rssBefore = rssKiB();
            long heapBefore = liveHeap();
            System.out.println("endpoint " + router.lastEndpoint());
            System.out.flush();
            long start = System.nanoTime();
            if (raw) {
                stdin.readLine();
            } else {
                for (int i = 0; i < connections; i++) {
                    Message message = router.recvMessage();
                    if (message == null) {
                        throw new IllegalStateException("no message after " + i + " connections");
                    }
                }
            }
            long setupMillis = (System.nanoTime() - start) / 1_000_000;
            long heapAfter = liveHeap();
            long rssAfter = rssKiB();
            System.out.println("cost " + connections + " " + (rssAfter - rssBefore) + " " + (heapAfter - heapBefore)
                    + " " + setupMillis);
            System.out.flush();
            // Hold the connections until the client has read the figures and goes.
            stdin.readLine();
        }
    }

    static long liveHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long rssKiB() throws IOException {
        for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
