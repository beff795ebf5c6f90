package dev.zmq4j.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.ZmqException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificates in czmq's zcert format: written as czmq writes them, read as czmq reads them. */
class CurveCertificateTest {
    @TempDir
    Path directory;

    @Test
    void shouldSaveAPublicAndASecretFileAndLoadTheSecretOneFirst() throws Exception {
        CurveCertificate certificate = CurveCertificate.generate().withMetadata("name", "risk-service");
        Path path = directory.resolve("server.cert");
        certificate.save(path);

        CurveCertificate loaded = CurveCertificate.load(path);
        assertThat(loaded.publicKeyZ85()).isEqualTo(certificate.publicKeyZ85());
        assertThat(loaded.secretKey()).isEqualTo(certificate.secretKey());
        assertThat(loaded.metadata()).isEqualTo(Map.of("name", "risk-service"));
        assertThat(Files.readString(path)).doesNotContain("secret-key");
        assertThat(CurveCertificate.read(path).hasSecretKey()).isFalse();
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(Files.getPosixFilePermissions(directory.resolve("server.cert_secret")))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        assertThat(loaded.toString()).doesNotContain(dev.zmq4j.Z85.encode(certificate.secretKey()));
    }

    @Test
    void shouldReadAFileInCzmqsExactFormatWithHashesInsideTheQuotedKey() throws Exception {
        Path file = directory.resolve("czmq.cert");
        Files.write(
                file,
                List.of(
                        "#   ****  Generated on 2026-12-02 by CZMQ  ****",
                        "#   ZeroMQ CURVE Public Certificate",
                        "",
                        "metadata",
                        "    email = \"ops@example.com\"   # who to call",
                        "    plain = unquoted value # a comment",
                        "curve",
                        "    public-key = \"x?T*N/1Y{8goubv{Ts}#&#f}TXJ//DVe#D2HkoLU\" # trailing comment"));

        CurveCertificate certificate = CurveCertificate.load(file);
        assertThat(certificate.publicKeyZ85()).isEqualTo("x?T*N/1Y{8goubv{Ts}#&#f}TXJ//DVe#D2HkoLU");
        assertThat(certificate.metadata())
                .containsEntry("email", "ops@example.com")
                .containsEntry("plain", "unquoted value");
    }

    @Test
    void shouldNameTheFileAndLineOfWhatItCannotRead() throws Exception {
        Path file = directory.resolve("broken.cert");
        Files.write(file, List.of("curve", "      public-key = \"abc\""));
        assertThatThrownBy(() -> CurveCertificate.load(file))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("broken.cert, line 2");
        Files.write(file, List.of("curve", "    public-key = \"too short\""));
        assertThatThrownBy(() -> CurveCertificate.load(file)).hasMessageContaining("40-character");
    }

    @Test
    void shouldSkipSecretFilesAndWhatIsNotACertificateInAStore() throws Exception {
        CurveCertificate alice = CurveCertificate.generate();
        alice.save(directory.resolve("alice"));
        Files.writeString(directory.resolve("README"), "not a certificate");
        CertificateStore store = new CertificateStore(directory);

        assertThat(store.lookup(alice.publicKey())).isNotNull();
        assertThat(store.lookup(alice.publicKey()).hasSecretKey())
                .as("the store reads public files only")
                .isFalse();
        assertThat(new CertificateStore(directory.resolve("later")).lookup(alice.publicKey()))
                .isNull();
    }
}
