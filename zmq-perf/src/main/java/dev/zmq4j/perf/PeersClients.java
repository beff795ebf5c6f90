package dev.zmq4j.perf;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * {@code remote_peers <connect-to> <message-size> <roundtrip-count> <clients> <window>}: that many DEALER clients of a
 * {@code local_peers}, one per thread with its own socket, each keeping a window of requests outstanding until it has
 * had its round trips. A client first makes one round trip on its own, which sets up its connection; once every
 * client has, the clock starts and all are let go at once, and it stops when the last has its last reply.
 *
 * <p>Prints the aggregate round trips per second and the percentiles of the whole round trips of all clients
 * (a request's time from its send to its reply, which includes waiting behind the others of its window, so half of it
 * is no one-way latency as in {@code remote_lat}). A DEALER's replies come back in the order of its requests, so each
 * client times them with a ring of send times, one per window slot; the payload stays a zeroed message. With
 * {@code ZMQ_PERF_WARMUP=N} the percentiles leave out each client's first N round trips.
 */
final class PeersClients {
    private PeersClients() {}

    static void run(Supplier<PerfContext> library, ToolArguments args, PrintStream out) throws InterruptedException {
        int count = args.count();
        int clients = args.sockets();
        int warmup = RoundTrips.warmupFromEnvironment(count);
        int roundTrips = Math.multiplyExact(clients, count);
        long[][] nanos = new long[clients][count];
        CountDownLatch connected = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        long elapsed;
        try (PerfContext context = library.get()) {
            Worker[] workers = new Worker[clients];
            for (int i = 0; i < clients; i++) {
                long[] mine = nanos[i];
                workers[i] = Worker.start(
                        "remote_peers client " + (i + 1), out, () -> request(context, args, mine, connected, go));
            }
            connected.await();
            Stopwatch watch = Stopwatch.start();
            go.countDown();
            for (Worker worker : workers) {
                worker.join();
            }
            elapsed = watch.stopMicros();
        }
        long[] measured = new long[clients * (count - warmup)];
        for (int i = 0; i < clients; i++) {
            System.arraycopy(nanos[i], warmup, measured, i * (count - warmup), count - warmup);
        }
        PerfReport.sizeAndRoundtrips(out, args.messageSize(), count);
        out.println("clients: " + clients);
        out.println("window: " + args.window());
        PerfReport.roundTripRate(out, roundTrips, elapsed);
        if (warmup > 0) {
            out.println("warm-up roundtrips per client: " + warmup);
        }
        RoundTrips.printWholeRoundTrips(out, measured);
    }

    /** One client's run, on its own thread with its own socket, recording each round trip into {@code nanos}. */
    private static void request(
            PerfContext context, ToolArguments args, long[] nanos, CountDownLatch connected, CountDownLatch go) {
        int size = args.messageSize();
        int count = args.count();
        int window = args.window();
        byte[] request = new byte[size];
        byte[] reply = new byte[size + 1];
        PerfSocket socket = context.socket(PerfContext.Role.DEALER);
        socket.connect(args.endpoint());
        socket.send(request, size);
        WrongMessageSize.check(size, socket.recv(reply));
        connected.countDown();
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before the start", e);
        }
        // Request k's send time is in slot k % window, which its reply frees for request k + window.
        long[] sentAt = new long[window];
        int sent = 0;
        for (; sent < Math.min(window, count); sent++) {
            sentAt[sent % window] = System.nanoTime();
            socket.send(request, size);
        }
        for (int done = 0; done < count; done++) {
            WrongMessageSize.check(size, socket.recv(reply));
            long now = System.nanoTime();
            nanos[done] = now - sentAt[done % window];
            if (sent < count) {
                sentAt[sent % window] = now;
                socket.send(request, size);
                sent++;
            }
        }
        socket.close();
    }
}
