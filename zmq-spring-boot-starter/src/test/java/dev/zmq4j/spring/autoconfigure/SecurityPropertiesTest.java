package dev.zmq4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.CurveKeyPair;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.auth.CurveCertificate;
import dev.zmq4j.auth.ZapAuthenticator;
import dev.zmq4j.spring.config.SocketProperties;
import dev.zmq4j.spring.support.ZmqSocketFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code zmq.sockets.<name>.security.*} and {@code zmq.auth.*}: binding, the options applied, every error. */
class SecurityPropertiesTest {
    private static final CurveKeyPair SERVER = CurveKeyPair.generate();
    private static final CurveKeyPair CLIENT = CurveKeyPair.generate();

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

    @TempDir
    Path directory;

    private static Socket created(org.springframework.context.ApplicationContext context, String name) {
        ZmqProperties properties = context.getBean(ZmqProperties.class);
        SocketProperties socket = properties.getSockets().get(name);
        return context.getBean(ZmqSocketFactory.class).create("zmq.sockets." + name, socket);
    }

    @Test
    void shouldApplyCurveServerAndClientKeysGivenAsZ85() {
        runner.withPropertyValues(
                        "zmq.sockets.risk.type=REP",
                        "zmq.sockets.risk.bind=tcp://127.0.0.1:*",
                        "zmq.sockets.risk.security.mechanism=curve",
                        "zmq.sockets.risk.security.curve.server=true",
                        "zmq.sockets.risk.security.curve.secret-key=" + SERVER.secretKeyZ85(),
                        "zmq.sockets.client.type=DEALER",
                        "zmq.sockets.client.connect=tcp://127.0.0.1:5",
                        "zmq.sockets.client.security.mechanism=curve",
                        "zmq.sockets.client.security.curve.server-key=" + SERVER.publicKeyZ85(),
                        "zmq.sockets.client.security.curve.secret-key=" + CLIENT.secretKeyZ85())
                .run(context -> {
                    try (Socket server = created(context, "risk");
                            Socket client = created(context, "client")) {
                        assertThat(server.get(SocketOption.MECHANISM)).isEqualTo("CURVE");
                        assertThat(server.get(SocketOption.CURVE_SERVER)).isTrue();
                        assertThat(server.get(SocketOption.CURVE_PUBLICKEY)).isEqualTo(SERVER.publicKey());
                        assertThat(client.get(SocketOption.CURVE_SERVER)).isFalse();
                        assertThat(client.get(SocketOption.CURVE_SERVERKEY)).isEqualTo(SERVER.publicKey());
                        assertThat(client.get(SocketOption.CURVE_PUBLICKEY))
                                .as("derived from the secret key")
                                .isEqualTo(CLIENT.publicKey());
                    }
                });
    }

    @Test
    void shouldReadKeysFromCertificateFiles() throws Exception {
        CurveCertificate server = CurveCertificate.generate();
        server.save(directory.resolve("server.cert"));
        CurveCertificate client = CurveCertificate.generate();
        client.save(directory.resolve("client.cert"));
        runner.withPropertyValues(
                        "zmq.sockets.risk.type=REP",
                        "zmq.sockets.risk.bind=tcp://127.0.0.1:*",
                        "zmq.sockets.risk.security.mechanism=curve",
                        "zmq.sockets.risk.security.curve.server=true",
                        "zmq.sockets.risk.security.curve.certificate=file:" + directory.resolve("server.cert"),
                        "zmq.sockets.client.type=DEALER",
                        "zmq.sockets.client.connect=tcp://127.0.0.1:5",
                        "zmq.sockets.client.security.mechanism=curve",
                        "zmq.sockets.client.security.curve.server-certificate=file:" + directory.resolve("server.cert"),
                        "zmq.sockets.client.security.curve.certificate=file:" + directory.resolve("client.cert_secret"))
                .run(context -> {
                    try (Socket serverSocket = created(context, "risk");
                            Socket clientSocket = created(context, "client")) {
                        assertThat(serverSocket.get(SocketOption.CURVE_SECRETKEY))
                                .isEqualTo(server.secretKey());
                        assertThat(clientSocket.get(SocketOption.CURVE_SERVERKEY))
                                .isEqualTo(server.publicKey());
                        assertThat(clientSocket.get(SocketOption.CURVE_SECRETKEY))
                                .isEqualTo(client.secretKey());
                    }
                });
    }

    @Test
    void shouldApplyPlainCredentialsAndTheZapDomain() {
        runner.withPropertyValues(
                        "zmq.sockets.feed.type=PUSH",
                        "zmq.sockets.feed.connect=tcp://127.0.0.1:5",
                        "zmq.sockets.feed.security.mechanism=plain",
                        "zmq.sockets.feed.security.plain.username=admin",
                        "zmq.sockets.feed.security.plain.password=secret",
                        "zmq.sockets.feed.security.zap-domain=global")
                .run(context -> {
                    try (Socket feed = created(context, "feed")) {
                        assertThat(feed.get(SocketOption.PLAIN_USERNAME)).isEqualTo("admin");
                        assertThat(feed.get(SocketOption.ZAP_DOMAIN)).isEqualTo("global");
                    }
                });
    }

    @Test
    void shouldStartTheAuthenticatorOnlyWhenARuleIsSet() {
        runner.run(context -> assertThat(context).doesNotHaveBean(ZapAuthenticator.class));
        runner.withPropertyValues("zmq.auth.curve.keys=" + CLIENT.publicKeyZ85())
                .run(context -> assertThat(context).hasSingleBean(ZapAuthenticator.class));
        runner.withPropertyValues("zmq.auth.enabled=true")
                .run(context -> assertThat(context).hasSingleBean(ZapAuthenticator.class));
        runner.withPropertyValues("zmq.auth.enabled=false", "zmq.auth.allow=10.0.0.1")
                .run(context -> assertThat(context).doesNotHaveBean(ZapAuthenticator.class));
    }

    @Test
    void shouldNameThePropertyOfEachMistakeWithoutShowingTheKey() {
        String shortKey = SERVER.secretKeyZ85().substring(1);
        assertFailure(
                "zmq.sockets.risk.security.curve.secret-key: must be 40 characters of Z85, this one has 39",
                shortKey,
                "zmq.sockets.risk.type=REP",
                "zmq.sockets.risk.bind=tcp://127.0.0.1:*",
                "zmq.sockets.risk.security.mechanism=curve",
                "zmq.sockets.risk.security.curve.server=true",
                "zmq.sockets.risk.security.curve.secret-key=" + shortKey);
        assertFailure(
                "zmq.sockets.risk.security.curve.secret-key: a CURVE server needs its secret key",
                null,
                "zmq.sockets.risk.type=REP",
                "zmq.sockets.risk.bind=tcp://127.0.0.1:*",
                "zmq.sockets.risk.security.mechanism=curve",
                "zmq.sockets.risk.security.curve.server=true");
        assertFailure(
                "zmq.sockets.risk.security.curve.server-key: a CURVE server has no server key",
                null,
                "zmq.sockets.risk.type=REP",
                "zmq.sockets.risk.bind=tcp://127.0.0.1:*",
                "zmq.sockets.risk.security.mechanism=curve",
                "zmq.sockets.risk.security.curve.server=true",
                "zmq.sockets.risk.security.curve.secret-key=" + SERVER.secretKeyZ85(),
                "zmq.sockets.risk.security.curve.server-key=" + SERVER.publicKeyZ85());
        assertFailure(
                "zmq.sockets.c.security.curve.server-key: a CURVE client needs the server's public key",
                null,
                "zmq.sockets.c.type=DEALER",
                "zmq.sockets.c.connect=tcp://127.0.0.1:5",
                "zmq.sockets.c.security.mechanism=curve",
                "zmq.sockets.c.security.curve.secret-key=" + CLIENT.secretKeyZ85());
        assertFailure(
                "zmq.sockets.c.security.curve: CURVE settings need zmq.sockets.c.security.mechanism: curve",
                null,
                "zmq.sockets.c.type=DEALER",
                "zmq.sockets.c.connect=tcp://127.0.0.1:5",
                "zmq.sockets.c.security.curve.secret-key=" + CLIENT.secretKeyZ85());
        assertFailure(
                "zmq.sockets.p.security.plain.username: a PLAIN client needs a username",
                null,
                "zmq.sockets.p.type=PUSH",
                "zmq.sockets.p.connect=tcp://127.0.0.1:5",
                "zmq.sockets.p.security.mechanism=plain");
        assertFailure(
                "zmq.sockets.r.security.curve.certificate: URL [file:" + directory.resolve("missing.cert")
                        + "] does not exist",
                null,
                "zmq.sockets.r.type=REP",
                "zmq.sockets.r.bind=tcp://127.0.0.1:*",
                "zmq.sockets.r.security.mechanism=curve",
                "zmq.sockets.r.security.curve.server=true",
                "zmq.sockets.r.security.curve.certificate=file:" + directory.resolve("missing.cert"));
        assertFailure("zmq.auth.curve.keys", null, "zmq.auth.curve.keys=tooshort");
    }

    /** The startup fails with a message containing {@code expected}, and never containing {@code secret}. */
    private void assertFailure(String expected, String secret, String... properties) {
        runner.withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            StringBuilder messages = new StringBuilder();
            for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
            }
            assertThat(messages.toString()).contains(expected);
            if (secret != null) {
                assertThat(messages.toString()).doesNotContain(secret);
            }
        });
    }
}
