package dev.zmq4j.spring.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.spring.annotation.ZmqListener;
import dev.zmq4j.spring.core.ZmqTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code wss://} in {@code zmq.sockets}, with Spring Boot's SSL bundles: a REP listener bound on wss with the
 * certificate of the {@code zmq-server} bundle (a PKCS12 key store made for the test by the JDK's keytool), and a REQ
 * template trusting it through the {@code zmq-client} bundle's trust store.
 */
@SpringBootTest(
        properties = {
            "zmq.sockets.quotes.type=REP",
            "zmq.sockets.quotes.bind=wss://127.0.0.1:*/quotes",
            "zmq.sockets.quotes.ssl.bundle=zmq-server",
            "zmq.sockets.quote-client.type=REQ",
            "zmq.sockets.quote-client.connect=${local.zmq.quotes.endpoint}",
            "zmq.sockets.quote-client.ssl.bundle=zmq-client",
            "zmq.sockets.quote-client.ssl.hostname=localhost"
        })
class SecureWebSocketEndpointsTest {
    private static final String PASSWORD = "zmq4j-test";

    @DynamicPropertySource
    static void sslBundles(DynamicPropertyRegistry registry) {
        Path directory = certificates();
        registry.add(
                "spring.ssl.bundle.jks.zmq-server.keystore.location", () -> "file:" + directory.resolve("keys.p12"));
        registry.add("spring.ssl.bundle.jks.zmq-server.keystore.password", () -> PASSWORD);
        registry.add("spring.ssl.bundle.jks.zmq-server.keystore.type", () -> "PKCS12");
        registry.add(
                "spring.ssl.bundle.jks.zmq-client.truststore.location", () -> "file:" + directory.resolve("trust.p12"));
        registry.add("spring.ssl.bundle.jks.zmq-client.truststore.password", () -> PASSWORD);
        registry.add("spring.ssl.bundle.jks.zmq-client.truststore.type", () -> "PKCS12");
    }

    @Value("${local.zmq.quotes.endpoint}")
    String quotes;

    @Autowired
    @Qualifier("quote-client")
    ZmqTemplate quoteClient;

    @Test
    void shouldAnswerARequestOverTlsWithTheBundlesCertificate() {
        assertThat(quotes).matches("wss://127\\.0\\.0\\.1:\\d+/quotes");
        assertThat(quoteClient.request("acme", String.class)).isEqualTo("ACME");
    }

    /** A self-signed certificate for localhost and 127.0.0.1, its key store and a trust store holding it alone. */
    private static Path certificates() {
        try {
            Path directory = Files.createTempDirectory("zmq4j-ssl-bundle");
            directory.toFile().deleteOnExit();
            String keys = directory.resolve("keys.p12").toString();
            String certificate = directory.resolve("server.cer").toString();
            keytool(
                    "-genkeypair",
                    "-alias",
                    "server",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-validity",
                    "2",
                    "-dname",
                    "CN=localhost",
                    "-ext",
                    "san=ip:127.0.0.1,dns:localhost",
                    "-keystore",
                    keys,
                    "-storetype",
                    "PKCS12",
                    "-storepass",
                    PASSWORD);
            keytool("-exportcert", "-alias", "server", "-keystore", keys, "-storepass", PASSWORD, "-file", certificate);
            keytool(
                    "-importcert",
                    "-noprompt",
                    "-alias",
                    "server",
                    "-file",
                    certificate,
                    "-keystore",
                    directory.resolve("trust.p12").toString(),
                    "-storetype",
                    "PKCS12",
                    "-storepass",
                    PASSWORD);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("keytool failed: " + command + "\n"
                        + new String(process.getInputStream().readAllBytes()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for keytool", e);
        }
    }

    static class Listeners {
        @ZmqListener(socket = "quotes")
        String upper(String symbol) {
            return symbol.toUpperCase();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Config {
        @Bean
        Listeners listeners() {
            return new Listeners();
        }
    }
}
