package dev.zmq4j.auth;

import dev.zmq4j.CurveKeyPair;
import dev.zmq4j.ErrorCode;
import dev.zmq4j.Z85;
import dev.zmq4j.ZmqException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CURVE certificate in czmq's zcert format: a public key, the secret key when this is one's own certificate,
 * and metadata (name and value pairs a ZAP handler returns for the key, and which then become message properties).
 * Saved as two files, {@code <name>} with the public key only, to hand out, and {@code <name>_secret} with both
 * keys, to keep:
 *
 * <pre>
 *  #   ****  Generated on 2026-12-02 by zmq4j  ****
 *  #   ZeroMQ CURVE **Secret** Certificate
 *  #   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.
 *
 *  metadata
 *      name = "risk-service"
 *  curve
 *      public-key = "rq:rM&gt;}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7"
 *      secret-key = "JTKVSB%%)wK0E.X)V&gt;+}o?pNmC{O&amp;4W4b!Ni{Lh6"
 * </pre>
 *
 * A key counts only when it is exactly 40 characters, as in czmq. Files written by czmq's zcert and by pyzmq's
 * {@code zmq.auth.create_certificates} load here, and these files load there.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows the public key only.
 */
public final class CurveCertificate {
    private static final String SECRET_SUFFIX = "_secret";

    private final byte[] publicKey;
    private final byte[] secretKey;
    private final Map<String, String> metadata;

    private CurveCertificate(byte[] publicKey, byte[] secretKey, Map<String, String> metadata) {
        this.publicKey = publicKey;
        this.secretKey = secretKey;
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** A new certificate with a fresh key pair. */
    public static CurveCertificate generate() {
        return of(CurveKeyPair.generate(), Map.of());
    }

    public static CurveCertificate of(CurveKeyPair keys, Map<String, String> metadata) {
        return new CurveCertificate(keys.publicKey(), keys.secretKey(), metadata);
    }

    /** A certificate of someone else's public key: no secret key. */
    public static CurveCertificate ofPublicKey(byte[] publicKey, Map<String, String> metadata) {
        return new CurveCertificate(CurveKeyPair.keyBytes("the public key", publicKey), null, metadata);
    }

    /** The same certificate with one more metadata entry. */
    public CurveCertificate withMetadata(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(metadata);
        more.put(name, value);
        return new CurveCertificate(publicKey, secretKey, more);
    }

    /**
     * Loads a certificate as czmq's zcert_load does: {@code <path>_secret} when it exists (with the secret key),
     * otherwise {@code <path>}.
     *
     * @throws IOException if neither file can be read
     * @throws ZmqException EINVAL for a file that is not a certificate (named, with the line)
     */
    public static CurveCertificate load(Path path) throws IOException {
        Path secret = path.resolveSibling(path.getFileName() + SECRET_SUFFIX);
        return read(Files.exists(secret) ? secret : path);
    }

    /** Reads exactly this file. */
    static CurveCertificate read(Path file) throws IOException {
        return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /**
     * A certificate from the lines of a zcert file read elsewhere (a classpath resource, say).
     *
     * @param source names the file in errors
     * @throws ZmqException EINVAL for text that is not a certificate
     */
    public static CurveCertificate parse(String source, List<String> lines) {
        Map<String, String> values = ZplReader.read(source, lines);
        String publicText = values.get("curve/public-key");
        if (publicText == null || publicText.length() != CurveKeyPair.Z85_KEY_SIZE) {
            throw new ZmqException(ErrorCode.EINVAL, source + " has no 40-character curve/public-key");
        }
        String secretText = values.get("curve/secret-key");
        Map<String, String> metadata = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (name.startsWith("metadata/")) {
                metadata.put(name.substring("metadata/".length()), value);
            }
        });
        byte[] secret =
                secretText != null && secretText.length() == CurveKeyPair.Z85_KEY_SIZE ? Z85.decode(secretText) : null;
        return new CurveCertificate(Z85.decode(publicText), secret, metadata);
    }

    /**
     * Writes {@code <path>} (public key and metadata) and, when this certificate has its secret key,
     * {@code <path>_secret}, readable by its owner only where the file system has POSIX permissions.
     */
    public void save(Path path) throws IOException {
        savePublic(path);
        if (secretKey != null) {
            Path secret = path.resolveSibling(path.getFileName() + SECRET_SUFFIX);
            boolean posix =
                    FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            Files.deleteIfExists(secret);
            if (posix) {
                Files.createFile(
                        secret, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.write(secret, lines(true), StandardCharsets.UTF_8);
        }
    }

    /** Writes {@code <path>} only: the public key and metadata, the file to hand out. */
    public void savePublic(Path path) throws IOException {
        Files.write(path, lines(false), StandardCharsets.UTF_8);
    }

    private List<String> lines(boolean withSecret) {
        List<String> lines = new ArrayList<>();
        lines.add("#   ****  Generated on " + OffsetDateTime.now().toLocalDate() + " by zmq4j  ****");
        if (withSecret) {
            lines.add("#   ZeroMQ CURVE **Secret** Certificate");
            lines.add("#   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.");
        } else {
            lines.add("#   ZeroMQ CURVE Public Certificate");
            lines.add("#   Exchange securely, or use a secure mechanism to verify the contents");
            lines.add("#   of this file after exchange. Store public certificates in your home");
            lines.add("#   directory, in the .curve subdirectory.");
        }
        lines.add("");
        lines.add("metadata");
        metadata.forEach((name, value) -> lines.add("    " + name + " = \"" + value + "\""));
        lines.add("curve");
        lines.add("    public-key = \"" + publicKeyZ85() + "\"");
        if (withSecret) {
            lines.add("    secret-key = \"" + Z85.encode(secretKey) + "\"");
        }
        return lines;
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public String publicKeyZ85() {
        return Z85.encode(publicKey);
    }

    /** The secret key, or null for a certificate of someone else's public key. */
    public byte[] secretKey() {
        return secretKey == null ? null : secretKey.clone();
    }

    public boolean hasSecretKey() {
        return secretKey != null;
    }

    /** The key pair; only for a certificate that has its secret key. */
    public CurveKeyPair keyPair() {
        if (secretKey == null) {
            throw new ZmqException(ErrorCode.EINVAL, "the certificate of " + publicKeyZ85() + " has no secret key");
        }
        return CurveKeyPair.fromSecretKey(secretKey);
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public String toString() {
        return "CurveCertificate[" + publicKeyZ85() + (secretKey != null ? ", with its secret key" : "") + ", "
                + metadata.keySet() + "]";
    }
}
