package dev.zmq4j.io;

import java.nio.channels.SelectionKey;

/** Turning the interest bits of a registration on and off; on the key's I/O thread only. */
public final class Interest {
    private Interest() {}

    public static void add(SelectionKey key, int ops) {
        int current = key.interestOps();
        if ((current & ops) != ops) {
            key.interestOps(current | ops);
        }
    }

    public static void remove(SelectionKey key, int ops) {
        int current = key.interestOps();
        if ((current & ops) != 0) {
            key.interestOps(current & ~ops);
        }
    }
}
