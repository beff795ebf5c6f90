package dev.zmq4j.transport.ws;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed server certificate made for a test by the JDK's own keytool: a PKCS12 keystore with the key and the
 * certificate (for {@code 127.0.0.1}, {@code ::1} and {@code localhost}), and a trust store holding the certificate
 * alone, as a client would be given.
 */
public final class TestCertificates {
    public static final String PASSWORD = "zmq4j-test";

    private final Path keyStore;
    private final Path trustStore;

    private TestCertificates(Path keyStore, Path trustStore) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
    }

    /** Makes a key pair and its certificate under {@code directory}; {@code name} tells several apart. */
    public static TestCertificates create(Path directory, String name) throws IOException, InterruptedException {
        Path keyStore = directory.resolve(name + "-keys.p12");
        Path certificate = directory.resolve(name + ".cer");
        Path trustStore = directory.resolve(name + "-trust.p12");
        keytool(
                "-genkeypair",
                "-alias",
                name,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-validity",
                "2",
                "-dname",
                "CN=" + name,
                "-ext",
                "san=ip:127.0.0.1,ip:::1,dns:localhost",
                "-keystore",
                keyStore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD);
        keytool(
                "-exportcert",
                "-alias",
                name,
                "-keystore",
                keyStore.toString(),
                "-storepass",
                PASSWORD,
                "-file",
                certificate.toString());
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                name,
                "-file",
                certificate.toString(),
                "-keystore",
                trustStore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD);
        return new TestCertificates(keyStore, trustStore);
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("keytool did not finish within 60 s: " + command);
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (process.exitValue() != 0) {
            throw new IOException("keytool failed (" + process.exitValue() + "): " + command + "\n" + output);
        }
    }

    public String keyStore() {
        return keyStore.toString();
    }

    public String trustStore() {
        return trustStore.toString();
    }
}
