package dev.zmq4j.interop;

/**
 * Every PUB/SUB and XPUB/XSUB case of {@link PubSubInteropTest} with libzmq over {@code ws://}, where subscriptions
 * travel as 0x01/0x00 messages (libzmq's ws encoder sends no SUBSCRIBE command), each side binding in turn.
 */
class WsPubSubInteropTest extends PubSubInteropTest {
    @Override
    protected String bindEndpoint() {
        return "ws://127.0.0.1:*/ticker";
    }
}
