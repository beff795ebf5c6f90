package dev.zmq4j.auth;

import dev.zmq4j.Z85;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public certificates in a directory (czmq's zcertstore): every regular file, in the directory or below it,
 * whose name does not end in {@code _secret}. Looked up by public key. The directory is read again at a lookup when
 * its modification time, its number of files or their total size changed, so certificates may be added or removed
 * while the service runs; the directory may also appear later. A file that is not a certificate is skipped with a
 * warning.
 *
 * <p>Thread-safe: lookups may come from any thread.
 */
public final class CertificateStore {
    private static final System.Logger LOG = System.getLogger(CertificateStore.class.getName());

    private final Path directory;
    private volatile Snapshot snapshot = new Snapshot(null, Map.of());

    private record Fingerprint(long modified, int files, long bytes) {}

    private record Snapshot(Fingerprint fingerprint, Map<String, CurveCertificate> byKey) {}

    public CertificateStore(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** The certificate of this 32-byte public key, or null when the directory has none. */
    public CurveCertificate lookup(byte[] publicKey) {
        return current().byKey().get(Z85.encode(publicKey));
    }

    private Snapshot current() {
        Snapshot known = snapshot;
        List<Path> files = publicFiles();
        Fingerprint fingerprint = fingerprint(files);
        if (fingerprint.equals(known.fingerprint())) {
            return known;
        }
        Map<String, CurveCertificate> byKey = new HashMap<>();
        for (Path file : files) {
            try {
                CurveCertificate certificate = CurveCertificate.read(file);
                byKey.put(certificate.publicKeyZ85(), certificate);
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "skipping " + file + ", not a certificate: " + e.getMessage());
            }
        }
        Snapshot loaded = new Snapshot(fingerprint, byKey);
        snapshot = loaded;
        return loaded;
    }

    private List<Path> publicFiles() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().endsWith("_secret"))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot list " + directory + ": " + e.getMessage());
            return List.of();
        }
    }

    private Fingerprint fingerprint(List<Path> files) {
        long modified = -1;
        long bytes = 0;
        try {
            if (Files.isDirectory(directory)) {
                modified = Files.getLastModifiedTime(directory).toMillis();
            }
            for (Path file : files) {
                bytes += Files.size(file);
                modified = Math.max(modified, Files.getLastModifiedTime(file).toMillis());
            }
        } catch (IOException e) {
            // A file vanished while we looked: a different fingerprint, read again next time.
            return new Fingerprint(-2, files.size(), bytes);
        }
        return new Fingerprint(modified, files.size(), bytes);
    }

    @Override
    public String toString() {
        return "CertificateStore[" + directory + "]";
    }
}
