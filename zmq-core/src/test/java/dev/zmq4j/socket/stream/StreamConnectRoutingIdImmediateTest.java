package dev.zmq4j.socket.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.interop.ContextFixture;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Under IMMEDIATE a connect makes its pipe only when the connection is up, so two connects with the same
 * CONNECT_ROUTING_ID both pass the check made at connect time. The two connections must still end up with distinct
 * routing ids (the later one gets a generated id), never share one.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StreamConnectRoutingIdImmediateTest extends ContextFixture {

    @Test
    void shouldNotLetTwoConnectionsShareOneConnectRoutingId() throws Exception {
        try (ServerSocket one = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
                ServerSocket two = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Socket stream = socket(SocketType.STREAM);
            stream.set(SocketOption.IMMEDIATE, true);
            byte[] id = "A".getBytes(StandardCharsets.UTF_8);
            stream.set(SocketOption.CONNECT_ROUTING_ID, id);
            stream.connect("tcp://127.0.0.1:" + one.getLocalPort());
            boolean refused = false;
            try {
                stream.set(SocketOption.CONNECT_ROUTING_ID, id);
                stream.connect("tcp://127.0.0.1:" + two.getLocalPort());
            } catch (ZmqException e) {
                refused = true;
            }
            if (refused) {
                return;
            }
            one.setSoTimeout(10000);
            two.setSoTimeout(10000);
            try (java.net.Socket peerOne = one.accept();
                    java.net.Socket peerTwo = two.accept()) {
                Message first = stream.recvMessage();
                Message second = stream.recvMessage();
                assertThat(first).as("connect notifications").isNotNull();
                assertThat(second).as("connect notifications").isNotNull();
                assertThat(first.get(0))
                        .as("two live connections must not share a routing id")
                        .isNotEqualTo(second.get(0));
            }
        }
    }
}
