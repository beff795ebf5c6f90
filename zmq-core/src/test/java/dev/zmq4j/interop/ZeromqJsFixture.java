package dev.zmq4j.interop;

import dev.zmq4j.Context;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The fixture of the tests against zeromq.js peers ({@link NodePeer.Library#ZEROMQ}): skipped unless node and the
 * package are there, a context per test, closed within 10 s after it (a hang becomes a failure with the stacks).
 */
abstract class ZeromqJsFixture {
    protected Context context;

    @BeforeEach
    void requireZeromqJs() {
        NodePeer.require(NodePeer.Library.ZEROMQ);
        context = Context.create();
    }

    @AfterEach
    void closeContext() {
        if (context != null) {
            ZmqTestSupport.runBounded("Context.close()", Duration.ofSeconds(10), context::close);
        }
    }
}
