package dev.arietta.metalink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Test resources and the digests the conformance corpus was generated with. */
final class TestResources {

    private TestResources() {
    }

    static byte[] bytes(String path) {
        try (InputStream in = TestResources.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MetalinkDocument parse(String path) throws MetalinkException {
        return Metalink.parse(bytes(path));
    }

    /** Lowercase hex digest of the UTF-8 bytes of {@code text}, as the corpus files hold. */
    static String digestHex(String javaAlgorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(javaAlgorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
