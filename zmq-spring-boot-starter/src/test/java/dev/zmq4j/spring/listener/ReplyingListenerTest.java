package dev.zmq4j.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.spring.TestClients;
import dev.zmq4j.spring.annotation.ZmqListener;
import dev.zmq4j.spring.config.ZmqListenerEndpointRegistry;
import dev.zmq4j.spring.support.ZmqErrorReplies;
import dev.zmq4j.spring.support.ZmqHeaders;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Payload;

/** REP and ROUTER listeners over real tcp (ephemeral ports), answered by plain zmq4j REQ and DEALER clients. */
@SpringBootTest(properties = "listener.bind=tcp://127.0.0.1:*")
class ReplyingListenerTest {

    @Autowired
    ZmqListenerEndpointRegistry registry;

    @Autowired
    Context context;

    @Test
    void shouldAnswerWithTheReturnValueOnRep() {
        try (Socket req = TestClients.connected(context, SocketType.REQ, endpoint("upper"))) {
            assertThat(TestClients.exchange(req, Message.of("hello")).getString(0))
                    .isEqualTo("HELLO");
            assertThat(TestClients.exchange(req, Message.of("again")).getString(0))
                    .isEqualTo("AGAIN");
        }
    }

    @Test
    void shouldAnswerRouterRequestsThroughTheirEnvelope() {
        try (Socket req = context.socket(SocketType.REQ)) {
            req.set(SocketOption.LINGER, 0);
            req.set(SocketOption.RCVTIMEO, TestClients.REPLY_TIMEOUT_MILLIS);
            req.set(SocketOption.ROUTING_ID, "client-7".getBytes(StandardCharsets.UTF_8));
            req.connect(endpoint("router"));
            Message reply = TestClients.exchange(req, Message.of("ping"));
            assertThat(reply.getString(0)).isEqualTo("ping from client-7");
        }
    }

    @Test
    void shouldRoundTripJsonPayloads() {
        try (Socket req = TestClients.connected(context, SocketType.REQ, endpoint("quotes"))) {
            Message reply = TestClients.exchange(req, Message.of("{\"symbol\":\"ACME\"}"));
            assertThat(reply.getString(0)).isEqualTo("{\"symbol\":\"ACME\",\"price\":42.5}");
        }
    }

    @Test
    void shouldAnswerAFailingHandlerWithAnErrorReplyAndKeepServing() {
        try (Socket req = TestClients.connected(context, SocketType.REQ, endpoint("fragile"))) {
            Message error = TestClients.exchange(req, Message.of("boom"));
            assertThat(ZmqErrorReplies.isError(error)).isTrue();
            assertThat(ZmqErrorReplies.description(error)).isEqualTo("IllegalStateException: refusing boom");
            assertThat(TestClients.exchange(req, Message.of("fine")).getString(0))
                    .isEqualTo("ok fine");
        }
    }

    @Test
    void shouldAnswerAConversionFailureWithAnErrorReply() {
        try (Socket req = TestClients.connected(context, SocketType.REQ, endpoint("quotes"))) {
            Message error = TestClients.exchange(req, Message.of("not json"));
            assertThat(ZmqErrorReplies.isError(error)).isTrue();
            assertThat(TestClients.exchange(req, Message.of("{\"symbol\":\"X\"}"))
                            .getString(0))
                    .contains("\"X\"");
        }
    }

    @Test
    void shouldAnswerAnInvalidPayloadWithAnErrorReply() {
        try (Socket req = TestClients.connected(context, SocketType.REQ, endpoint("quotes"))) {
            Message error = TestClients.exchange(req, Message.of("{\"symbol\":\"\"}"));
            assertThat(ZmqErrorReplies.isError(error)).isTrue();
            assertThat(ZmqErrorReplies.description(error)).startsWith("MethodArgumentNotValidException");
        }
    }

    @Test
    void shouldAnswerAVoidHandlerWithAnEmptyFrame() {
        try (Socket req = TestClients.connected(context, SocketType.REQ, endpoint("silent"))) {
            Message reply = TestClients.exchange(req, Message.of("anything"));
            assertThat(reply.size()).isEqualTo(1);
            assertThat(reply.get(0)).isEmpty();
        }
    }

    @Test
    void shouldPassTheRawMessageWithAllFrames() {
        try (Socket req = TestClients.connected(context, SocketType.REQ, endpoint("frames"))) {
            Message reply = TestClients.exchange(req, Message.of("a", "b", "c"));
            assertThat(reply.getString(0)).isEqualTo("3 frames, last c");
        }
    }

    private String endpoint(String listenerId) {
        return registry.getListenerContainer(listenerId).getBoundEndpoints().get(0);
    }

    public record Quote(@NotBlank String symbol, double price) {}

    public record QuoteRequest(@NotBlank String symbol) {}

    static class Handlers {
        @ZmqListener(id = "upper", type = "REP", bind = "${listener.bind}")
        String upper(String text) {
            return text.toUpperCase();
        }

        @ZmqListener(id = "router", type = "ROUTER", bind = "${listener.bind}")
        String router(String text, @Header(ZmqHeaders.ROUTING_ID) byte[] routingId) {
            return text + " from " + new String(routingId, StandardCharsets.UTF_8);
        }

        @ZmqListener(id = "quotes", type = "rep", bind = "${listener.bind}")
        Quote quote(@Valid @Payload QuoteRequest request) {
            return new Quote(request.symbol(), 42.5);
        }

        @ZmqListener(id = "fragile", type = "REP", bind = "${listener.bind}")
        String fragile(String text) {
            if (text.equals("boom")) {
                throw new IllegalStateException("refusing boom");
            }
            return "ok " + text;
        }

        @ZmqListener(id = "silent", type = "REP", bind = "${listener.bind}")
        void silent(byte[] ignored) {}

        @ZmqListener(id = "frames", type = "REP", bind = "${listener.bind}")
        String frames(Message message) {
            return message.size() + " frames, last " + message.getString(message.size() - 1);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class TestApplication {
        @Bean
        Handlers handlers() {
            return new Handlers();
        }
    }
}
