package dev.zmq4j.spring.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.SocketType;
import dev.zmq4j.spring.annotation.ZmqListener;
import dev.zmq4j.spring.config.SocketProperties;
import dev.zmq4j.spring.config.ZmqListenerEndpointRegistry;
import dev.zmq4j.spring.core.ZmqTemplate;
import dev.zmq4j.spring.core.ZmqTemplateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** libzmq 4.3 (pyzmq) clients against @ZmqListener services, and a ZmqTemplate against a libzmq REP server. */
@SpringBootTest
class LibzmqInteropTest {

    @Autowired
    ZmqListenerEndpointRegistry registry;

    @Autowired
    ZmqTemplateFactory templates;

    @Test
    void shouldAnswerALibzmqReqClientFromARepListener() throws Exception {
        try (PythonPeer peer = new PythonPeer("req-client", endpoint("rep"), "3")) {
            for (int i = 0; i < 3; i++) {
                assertThat(peer.nextLine()).isEqualTo("REPLY PY-" + i);
            }
            assertThat(peer.nextLine()).isEqualTo("DONE");
            assertThat(peer.waitFor()).isZero();
        }
    }

    @Test
    void shouldAnswerLibzmqReqAndDealerClientsFromARouterListener() throws Exception {
        try (PythonPeer req = new PythonPeer("req-client", endpoint("router"), "2");
                PythonPeer dealer = new PythonPeer("dealer-client", endpoint("router"), "5")) {
            assertThat(req.nextLine()).isEqualTo("REPLY routed py-0");
            assertThat(req.nextLine()).isEqualTo("REPLY routed py-1");
            List<String> dealerReplies = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                dealerReplies.add(dealer.nextLine());
            }
            assertThat(dealerReplies)
                    .containsExactlyInAnyOrder(
                            "REPLY routed py-0",
                            "REPLY routed py-1",
                            "REPLY routed py-2",
                            "REPLY routed py-3",
                            "REPLY routed py-4");
            assertThat(req.waitFor()).isZero();
            assertThat(dealer.waitFor()).isZero();
        }
    }

    @Test
    void shouldRequestFromALibzmqRepServer() throws Exception {
        try (PythonPeer server = new PythonPeer("rep-server", "10")) {
            String line = server.nextLine();
            assertThat(line).startsWith("ENDPOINT tcp://127.0.0.1:");
            SocketProperties properties = new SocketProperties();
            properties.setType(SocketType.REQ);
            properties.setConnect(List.of(line.substring("ENDPOINT ".length())));
            try (ZmqTemplate template = templates.create("python", properties)) {
                assertThat(template.request("first", String.class)).isEqualTo("py:first");
                List<CompletableFuture<String>> replies = new ArrayList<>();
                for (int i = 0; i < 9; i++) {
                    replies.add(template.requestAsync("n" + i, String.class));
                }
                for (int i = 0; i < 9; i++) {
                    assertThat(replies.get(i).join()).isEqualTo("py:n" + i);
                }
            }
            assertThat(server.nextLine()).isEqualTo("DONE");
            assertThat(server.waitFor()).isZero();
        }
    }

    private String endpoint(String id) {
        return registry.getListenerContainer(id).getBoundEndpoints().get(0);
    }

    static class Services {
        @ZmqListener(id = "rep", type = "REP", bind = "tcp://127.0.0.1:*")
        String upper(String text) {
            return text.toUpperCase();
        }

        @ZmqListener(id = "router", type = "ROUTER", bind = "tcp://127.0.0.1:*", concurrency = "2")
        String routed(String text) {
            return "routed " + text;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class TestApplication {
        @Bean
        Services services() {
            return new Services();
        }
    }
}
