package dev.zmq4j.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Distinct tcp ports free at the moment of asking: all are held open together (so they differ), then released for
 * the application to bind. Another process could take one in between; the window is a few milliseconds and the
 * failure would be loud (the application fails to start with the address in use), never a wrong result.
 */
final class FreePorts {

    private FreePorts() {}

    static int[] take(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("could not find " + count + " free tcp ports", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the port is released either way
                }
            }
        }
    }
}
