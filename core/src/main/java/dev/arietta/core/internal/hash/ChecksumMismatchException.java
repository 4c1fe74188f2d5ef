package dev.arietta.core.internal.hash;

import dev.arietta.core.ErrorCode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * A whole file's digest differs from the expected one ({@link ErrorCode#CHECKSUM_ERROR}, 32).
 * Carries the file, the algorithm and both digests.
 */
public final class ChecksumMismatchException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final transient HashAlgorithm algorithm;
    private final byte[] expected;
    private final byte[] actual;

    /**
     * @param file     the file that was checked
     * @param expected the expected digest (copied)
     * @param actual   the computed digest (copied)
     */
    public ChecksumMismatchException(Path file, ExpectedChecksum expected, byte[] actual) {
        super(file + ": " + expected.algorithm() + " checksum mismatch: expected "
                + HexFormat.of().formatHex(expected.digest()) + ", got " + HexFormat.of().formatHex(actual));
        this.file = file;
        this.algorithm = expected.algorithm();
        this.expected = expected.digest();
        this.actual = actual.clone();
    }

    /** The file that was checked. */
    public Path file() {
        return file;
    }

    /** The algorithm used. */
    public HashAlgorithm algorithm() {
        return algorithm;
    }

    /** A copy of the expected digest. */
    public byte[] expected() {
        return expected.clone();
    }

    /** A copy of the computed digest. */
    public byte[] actual() {
        return actual.clone();
    }

    /** Always {@link ErrorCode#CHECKSUM_ERROR}. */
    public ErrorCode errorCode() {
        return ErrorCode.CHECKSUM_ERROR;
    }
}
