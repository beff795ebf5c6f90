package dev.zmq4j.scenario;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The far side of {@link DescriptorExhaustionTest}: a process started with a low descriptor limit that binds a
 * ROUTER echoing every message back, and answers its parent on stdin:
 *
 * <ul>
 *   <li>{@code stats}: prints {@code stats <accepted> <acceptFailed> <openDescriptors>}
 *   <li>{@code push <endpoint>}: a new PUSH connects there and sends "from the starved process" (the connect may
 *       first fail for want of a descriptor)
 * </ul>
 *
 * <p>Ends when stdin closes. Each socket is used by one thread: the ROUTER by the main thread, the PUSH by the
 * command thread.
 */
public final class DescriptorStarvedListener {
    private static volatile boolean running = true;

    private DescriptorStarvedListener() {}

    public static void main(String[] args) throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger acceptFailed = new AtomicInteger();
        try (Context context = Context.create(1);
                Socket router = context.socket(SocketType.ROUTER)) {
            router.set(SocketOption.LINGER, 0);
            router.set(SocketOption.RCVTIMEO, 100);
            router.addEventListener(
                    event -> {
                        if (event.type() == SocketEvent.Type.ACCEPTED) {
                            accepted.incrementAndGet();
                        } else if (event.type() == SocketEvent.Type.ACCEPT_FAILED) {
                            acceptFailed.incrementAndGet();
                        }
                    },
                    SocketEvent.ALL);
            router.bind("tcp://127.0.0.1:*");
            warmUp(context, router);
            System.out.println("endpoint " + router.lastEndpoint());
            System.out.flush();

            Thread commands = new Thread(() -> answerCommands(context, accepted, acceptFailed), "commands");
            commands.setDaemon(true);
            commands.start();
            while (running) {
                Message request = router.recvMessage();
                if (request != null) {
                    router.send(request);
                }
            }
        }
    }

    /**
     * One connection made, used and closed before the descriptors run out, as in a process that has been running:
     * its classes come from a directory here (not from a jar opened once), and loading one would need a descriptor.
     */
    private static void warmUp(Context context, Socket router) {
        // Nothing is logged here: the listener's warning that descriptors ran out must be able to be the process's
        // first log record (formatting one loads the JDK's time-zone data from a file).
        try (Socket push = context.socket(SocketType.PUSH);
                Socket pull = context.socket(SocketType.PULL);
                Socket dealer = context.socket(SocketType.DEALER)) {
            pull.bind("tcp://127.0.0.1:*");
            push.connect(pull.lastEndpoint());
            push.send("warm-up");
            pull.recvString();
            dealer.connect(router.lastEndpoint());
            dealer.send("warm-up");
            router.send(router.recvMessage());
            dealer.recvString();
            push.disconnect(pull.lastEndpoint());
        }
    }

    private static void answerCommands(Context context, AtomicInteger accepted, AtomicInteger acceptFailed) {
        Socket push = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("stats")) {
                    System.out.println("stats " + accepted.get() + " " + acceptFailed.get() + " " + openDescriptors());
                } else if (line.startsWith("push ")) {
                    push = context.socket(SocketType.PUSH);
                    push.set(SocketOption.LINGER, 0);
                    push.set(SocketOption.RECONNECT_IVL, 50);
                    push.connect(line.substring("push ".length()));
                    push.send("from the starved process", Socket.DONTWAIT);
                    System.out.println("pushed");
                }
                System.out.flush();
            }
        } catch (Exception e) {
            e.printStackTrace();
        } finally {
            if (push != null) {
                push.close();
            }
            running = false;
        }
    }

    private static int openDescriptors() {
        String[] open = new File("/proc/self/fd").list();
        return open == null ? -1 : open.length;
    }
}
