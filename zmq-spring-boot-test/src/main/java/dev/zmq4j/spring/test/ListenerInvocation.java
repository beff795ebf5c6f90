package dev.zmq4j.spring.test;

import java.util.List;

/**
 * One call of a {@code @ZmqListener} method, as {@link ZmqListenerTestHarness} saw it: the arguments after
 * conversion, and what the method returned or threw (a returned future as is, complete or not). Captured on the
 * listener's thread when the method returns, so before its reply is sent. Immutable, but the arguments and the
 * result are the listener's own objects.
 *
 * @param listenerId the {@code @ZmqListener} id
 * @param arguments  the arguments, in parameter order (an element may be null)
 * @param result     what the method returned; null for a void method, or when it threw
 * @param failure    what the method threw, or null
 */
public record ListenerInvocation(String listenerId, List<Object> arguments, Object result, Throwable failure) {

    /** The argument at {@code index}, cast to the type the test expects. */
    @SuppressWarnings("unchecked")
    public <T> T argument(int index) {
        return (T) arguments.get(index);
    }

    /** Whether the method threw. */
    public boolean failed() {
        return failure != null;
    }
}
