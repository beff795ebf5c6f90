package dev.zmq4j.perf;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The zmq4j side of {@code bin/hostile}: a ROUTER on one I/O thread, with default options, echoing every message
 * on a thread of its own, for hostile peers to attack. Prints {@code endpoint <endpoint>}; then answers each line
 * {@code measure} on stdin with {@code heap <live heap bytes after full collections> rss <resident KiB>}; exits
 * when stdin closes. Uses only the public API, so it runs against any zmq4j version's jar.
 *
 * <p>usage: HostileTarget
 */
public final class HostileTarget {
    private HostileTarget() {}

    public static void main(String[] args) throws Exception {
        try (Context context = Context.create(1)) {
            Socket router = context.socket(SocketType.ROUTER);
            router.set(SocketOption.LINGER, 0);
            router.bind("tcp://127.0.0.1:*");
            System.out.println("endpoint " + router.lastEndpoint());
            System.out.flush();
            Thread echo = new Thread(() -> echo(router), "hostile-target-echo");
            echo.setDaemon(true);
            echo.start();
            BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            for (String line = stdin.readLine(); line != null; line = stdin.readLine()) {
                if (line.equals("measure")) {
                    System.out.println("heap " + ConnectionHolder.liveHeap() + " rss " + ConnectionHolder.rssKiB());
                    System.out.flush();
                }
            }
        }
    }

    private static void echo(Socket router) {
        try {
            for (Message message = router.recvMessage(); message != null; message = router.recvMessage()) {
                router.send(message);
            }
        } catch (ZmqException contextClosed) {
            // the process is ending
        }
    }
}
