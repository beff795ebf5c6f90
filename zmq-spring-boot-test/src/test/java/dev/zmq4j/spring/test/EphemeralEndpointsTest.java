package dev.zmq4j.spring.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Which endpoints {@code @ZmqTest} rewrites, and to what. */
class EphemeralEndpointsTest {

    @Test
    void shouldMoveTcpBindsAndTheirLocalConnectsAndLeaveTheRest() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("quotes.port", "5555")
                .withProperty("zmq.sockets.quotes.type", "REP")
                .withProperty("zmq.sockets.quotes.bind", "tcp://*:${quotes.port},ipc:///tmp/quotes.sock")
                .withProperty("zmq.sockets.client.type", "REQ")
                .withProperty("zmq.sockets.client.connect", "tcp://localhost:5555")
                .withProperty("zmq.sockets.remote.type", "DEALER")
                .withProperty("zmq.sockets.remote.connect", "tcp://quotes.internal:5555")
                .withProperty("zmq.sockets.local.type", "PULL")
                .withProperty("zmq.sockets.local.bind", "inproc://jobs");

        assertThat(EphemeralEndpoints.overrides(environment))
                .containsExactly(
                        java.util.Map.entry("zmq.sockets.quotes.bind[0]", "tcp://127.0.0.1:*"),
                        java.util.Map.entry("zmq.sockets.quotes.bind[1]", "ipc:///tmp/quotes.sock"),
                        java.util.Map.entry("zmq.sockets.client.connect[0]", "${local.zmq.quotes.endpoints[0]}"));
    }

    @Test
    void shouldLeaveSocketsThatDoNotBindToTheStartersReport() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("zmq.sockets.quotes.type", "REPP")
                .withProperty("zmq.sockets.quotes.bind", "tcp://*:5555");
        assertThat(EphemeralEndpoints.overrides(environment)).isEmpty();
    }

    @Test
    void shouldRewriteNothingWithoutDeclaredSockets() {
        assertThat(EphemeralEndpoints.overrides(new MockEnvironment())).isEmpty();
    }
}
