package dev.zmq4j.interop;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import org.junit.jupiter.api.AfterEach;

/** The fixture most socket tests share: a context per test, closed after it, and bounded sockets made from it. */
public abstract class ContextFixture {
    protected final Context context = Context.create();

    @AfterEach
    protected void closeContext() {
        context.close();
    }

    /** A socket of {@link ZmqTestSupport#socket}: LINGER 0, bounded sends and receives. */
    protected Socket socket(SocketType type) {
        return ZmqTestSupport.socket(context, type);
    }
}
