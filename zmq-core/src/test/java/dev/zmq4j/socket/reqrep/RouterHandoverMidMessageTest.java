package dev.zmq4j.socket.reqrep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Message;
import dev.zmq4j.Poller;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.interop.ContextFixture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A ROUTER's read-ahead (xHasIn, through a poll) takes the routing id and first frame of a multipart message; when
 * ROUTER_HANDOVER then gives that peer's id to a newcomer before the application reads the rest, the old connection
 * must end only after its message: the rest of it, not another peer's frames, completes the message.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RouterHandoverMidMessageTest extends ContextFixture {

    private static List<String> text(Message message) {
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < message.size(); i++) {
            frames.add(new String(message.get(i), StandardCharsets.UTF_8));
        }
        return frames;
    }

    @Test
    void shouldNotGlueAnotherPeersMessageOntoAPrefetchedOne() {
        String endpoint = "inproc://handover-" + System.nanoTime();
        Socket router = socket(SocketType.ROUTER);
        router.set(SocketOption.ROUTER_HANDOVER, true);
        router.bind(endpoint);

        Socket first = socket(SocketType.DEALER);
        first.set(SocketOption.ROUTING_ID, "X".getBytes(StandardCharsets.UTF_8));
        first.connect(endpoint);
        first.send("a1", Socket.SNDMORE);
        first.send("a2");

        try (Poller poller = context.poller()) {
            poller.register(router, Poller.POLLIN);
            assertThat(poller.poll(5000)).as("router readable").isEqualTo(1);
        }

        Socket second = socket(SocketType.DEALER);
        second.set(SocketOption.ROUTING_ID, "X".getBytes(StandardCharsets.UTF_8));
        second.connect(endpoint);
        second.send("b1");

        Message message = router.recvMessage();
        assertThat(text(message)).as("the first message received").isEqualTo(List.of("X", "a1", "a2"));
    }
}
