package dev.zmq4j.socket.reqrep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.interop.ContextFixture;
import dev.zmq4j.interop.LibzmqPeer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** REQ_RELAXED and REQ_CORRELATE, as libzmq has them. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReqOptionsTest extends ContextFixture {
    @Test
    void shouldResendAndIgnoreTheLateReplyWhenRelaxedAndCorrelated() {
        Socket router = socket(SocketType.ROUTER);
        router.bind("tcp://127.0.0.1:*");
        Socket req = socket(SocketType.REQ);
        req.set(SocketOption.REQ_RELAXED, true);
        req.set(SocketOption.REQ_CORRELATE, true);
        req.connect(router.lastEndpoint());

        req.send("first");
        Message first = router.recvMessage();
        assertThat(first.size()).as("routing id, request id, delimiter, body").isEqualTo(4);
        assertThat(first.get(1)).hasSize(4);
        assertThat(first.get(2)).isEmpty();

        // No reply yet: a relaxed REQ may send again.
        req.send("second");
        Message second = router.recvMessage();
        assertThat(second.get(1)).as("a new request id").isNotEqualTo(first.get(1));

        // The reply to the first request comes late and must not pass for the second's.
        router.send(Message.of(first.get(0), first.get(1), new byte[0], "late".getBytes()));
        router.send(Message.of(second.get(0), second.get(1), new byte[0], "current".getBytes()));
        assertThat(req.recvString()).isEqualTo("current");
    }

    @Test
    void shouldStillRejectASecondRequestWhenStrict() {
        Socket req = socket(SocketType.REQ);
        req.connect("inproc://strict");
        Socket rep = socket(SocketType.REP);
        rep.bind("inproc://strict");
        req.send("one");
        assertThatThrownBy(() -> req.send("two"))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("REQ_RELAXED");
    }

    @Test
    void shouldCorrelateWithALibzmqReplier() {
        try (LibzmqPeer peer = LibzmqPeer.bound("rep-echo", "--count", "10")) {
            Socket req = socket(SocketType.REQ);
            req.set(SocketOption.REQ_CORRELATE, true);
            req.connect(peer.endpoint());
            for (int i = 0; i < 10; i++) {
                req.send("request " + i);
                assertThat(req.recvString()).isEqualTo("request " + i);
            }
            peer.awaitSuccess();
        }
    }

    @Test
    void shouldRejectReqOptionsOnOtherSockets() {
        Socket dealer = socket(SocketType.DEALER);
        assertThatThrownBy(() -> dealer.set(SocketOption.REQ_RELAXED, true))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("REQ_RELAXED")
                .hasMessageContaining("DEALER")
                .satisfies(e -> assertThat(((ZmqException) e).code()).isEqualTo(ErrorCode.EINVAL));
        assertThatThrownBy(() -> dealer.set(SocketOption.REQ_CORRELATE, true)).isInstanceOf(ZmqException.class);
    }
}
