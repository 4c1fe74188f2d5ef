package dev.arietta.core.internal.resume;

import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.core.internal.resume.ResumeStateException.Reason;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The binary {@code .arietta} resume state format, version 1. All integers are big-endian;
 * {@code n} is the identity length and {@code m} the bitfield length.
 *
 * <pre>
 * offset     size  field
 * 0          8     magic: 0x89 'A' 'R' 'I' 'E' 'T' 'T' 'A' (0x89 41 52 49 45 54 54 41); the
 *                  high first byte catches text-mode transfers and plain-text files
 * 8          2     format version, unsigned; 1. A reader rejects 0 and any version above its own
 *                  before looking further, because a newer version may lay out what follows differently.
 * 10         1     identity type: 1 = BitTorrent info-hash, 2 = URL
 * 11         2     n, identity length in bytes, unsigned: 20 or 32 for an info-hash,
 *                  1 to {@link ResumeStateLimits#maxUrlBytes()} for a URL
 * 13         n     identity: the raw info-hash, or the URL in UTF-8
 * 13+n       4     piece length in bytes, signed, positive
 * 17+n       8     total length in bytes, signed, zero or more
 * 25+n       8     uploaded bytes, signed, zero or more
 * 33+n       4     m, bitfield length in bytes, signed; must equal ceil(pieceCount / 8) where
 *                  pieceCount = ceil(total length / piece length) &lt;= {@link ResumeStateLimits#maxPieceCount()}
 * 37+n       m     verified pieces in BitTorrent wire order (piece 0 is the high bit of byte 0),
 *                  spare bits zero ({@link Bitfield#toByteArray()})
 * 37+n+m     4     CRC-32C (Castagnoli) of bytes 0 to 36+n+m, unsigned
 * 41+n+m           end of file: the file is exactly 41+n+m bytes
 * </pre>
 *
 * <p>Reading checks, in order: magic, version, identity type and length against the limits,
 * bitfield length against the limits, file length against {@code 41+n+m}, the CRC, then each
 * field's range and the bitfield length against the piece count. Every length is bounded before
 * anything is allocated from it. Any failure is a {@link ResumeStateException}; no other
 * exception escapes for any input.
 *
 * <p>Stateless and thread-safe.
 */
public final class ResumeStateFormat {

    /** The current, and highest readable, format version. */
    public static final int VERSION = 1;

    /** Bytes of a file besides the identity and the bitfield: 41. */
    public static final int FIXED_BYTES = 41;

    static final int TYPE_INFO_HASH = 1;
    static final int TYPE_URL = 2;

    private static final byte[] MAGIC = {(byte) 0x89, 'A', 'R', 'I', 'E', 'T', 'T', 'A'};
    private static final int VERSION_OFFSET = 8;
    private static final int TYPE_OFFSET = 10;
    private static final int IDENTITY_LENGTH_OFFSET = 11;
    private static final int IDENTITY_OFFSET = 13;
    private static final int CRC_BYTES = 4;

    private ResumeStateFormat() {
    }

    /**
     * Encodes a state.
     *
     * @throws IllegalArgumentException if the state exceeds {@code limits} (a URL too long, too
     *                                  many pieces), so that no unreadable file is ever written
     */
    public static byte[] encode(ResumeState state, ResumeStateLimits limits) {
        byte[] identity;
        int type;
        if (state.identity() instanceof ResumeIdentity.InfoHash infoHash) {
            identity = infoHash.bytes();
            type = TYPE_INFO_HASH;
        } else {
            identity = ((ResumeIdentity.Url) state.identity()).url().getBytes(StandardCharsets.UTF_8);
            type = TYPE_URL;
            if (identity.length > limits.maxUrlBytes()) {
                throw new IllegalArgumentException("URL of " + identity.length + " bytes exceeds the limit of "
                        + limits.maxUrlBytes());
            }
        }
        if (state.pieceCount() > limits.maxPieceCount()) {
            throw new IllegalArgumentException(state.pieceCount() + " pieces exceed the limit of "
                    + limits.maxPieceCount());
        }
        byte[] bitfield = state.verifiedPieces().toByteArray();
        ByteBuffer out = ByteBuffer.allocate(FIXED_BYTES + identity.length + bitfield.length);
        out.put(MAGIC)
                .putShort((short) VERSION)
                .put((byte) type)
                .putShort((short) identity.length)
                .put(identity)
                .putInt(state.pieceLength())
                .putLong(state.totalLength())
                .putLong(state.uploadedBytes())
                .putInt(bitfield.length)
                .put(bitfield);
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        return out.array();
    }

    /**
     * Decodes and validates a whole file's bytes.
     *
     * @param bytes  the file contents
     * @param file   the file, for error messages
     * @param limits limits checked before allocating
     * @throws ResumeStateException for any invalid input
     */
    public static ResumeState decode(byte[] bytes, Path file, ResumeStateLimits limits) throws ResumeStateException {
        int length = bytes.length;
        checkMagic(bytes, file);
        if (length < VERSION_OFFSET + 2) {
            throw new ResumeStateException(file, Reason.TRUNCATED, "file of " + length + " bytes ends inside the version");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int version = Short.toUnsignedInt(in.getShort(VERSION_OFFSET));
        if (version > VERSION) {
            throw new ResumeStateException(file, Reason.UNSUPPORTED_VERSION, "format version " + version
                    + " is newer than this version of Arietta reads (" + VERSION + "); it was written by a newer release");
        }
        if (version == 0) {
            throw new ResumeStateException(file, Reason.MALFORMED, "format version 0 at offset " + VERSION_OFFSET);
        }
        if (length < IDENTITY_OFFSET) {
            throw new ResumeStateException(file, Reason.TRUNCATED, "file of " + length + " bytes ends inside the identity header");
        }
        int type = Byte.toUnsignedInt(in.get(TYPE_OFFSET));
        int identityLength = Short.toUnsignedInt(in.getShort(IDENTITY_LENGTH_OFFSET));
        checkIdentityHeader(file, type, identityLength, limits);
        int fieldsOffset = IDENTITY_OFFSET + identityLength;
        int bitfieldLengthOffset = fieldsOffset + 20;
        if (length < bitfieldLengthOffset + 4) {
            throw new ResumeStateException(file, Reason.TRUNCATED, "file of " + length
                    + " bytes ends before the bitfield length at offset " + bitfieldLengthOffset);
        }
        int bitfieldLength = in.getInt(bitfieldLengthOffset);
        if (bitfieldLength < 0) {
            throw new ResumeStateException(file, Reason.MALFORMED, "negative bitfield length " + bitfieldLength
                    + " at offset " + bitfieldLengthOffset);
        }
        if (bitfieldLength > limits.maxBitfieldBytes()) {
            throw new ResumeStateException(file, Reason.TOO_LARGE, "bitfield length " + bitfieldLength
                    + " at offset " + bitfieldLengthOffset + " exceeds the limit of " + limits.maxBitfieldBytes());
        }
        int expectedLength = FIXED_BYTES + identityLength + bitfieldLength;
        if (length < expectedLength) {
            throw new ResumeStateException(file, Reason.TRUNCATED, "file has " + length + " bytes, its header describes "
                    + expectedLength);
        }
        if (length > expectedLength) {
            throw new ResumeStateException(file, Reason.MALFORMED, (length - expectedLength)
                    + " trailing bytes after offset " + expectedLength);
        }
        checkCrc(bytes, in, file);

        ResumeIdentity identity = decodeIdentity(bytes, type, identityLength, file);
        int pieceLength = in.getInt(fieldsOffset);
        long totalLength = in.getLong(fieldsOffset + 4);
        long uploadedBytes = in.getLong(fieldsOffset + 12);
        if (pieceLength <= 0) {
            throw new ResumeStateException(file, Reason.MALFORMED, "piece length " + pieceLength + " at offset "
                    + fieldsOffset + " is not positive");
        }
        if (totalLength < 0) {
            throw new ResumeStateException(file, Reason.MALFORMED, "negative total length " + totalLength
                    + " at offset " + (fieldsOffset + 4));
        }
        if (uploadedBytes < 0) {
            throw new ResumeStateException(file, Reason.MALFORMED, "negative uploaded bytes " + uploadedBytes
                    + " at offset " + (fieldsOffset + 12));
        }
        long pieceCount = ResumeState.pieceCount(pieceLength, totalLength);
        if (pieceCount > limits.maxPieceCount()) {
            throw new ResumeStateException(file, Reason.TOO_LARGE, totalLength + " bytes in pieces of " + pieceLength
                    + " make " + pieceCount + " pieces, over the limit of " + limits.maxPieceCount());
        }
        long expectedBitfieldLength = (pieceCount + 7) >>> 3;
        if (bitfieldLength != expectedBitfieldLength) {
            throw new ResumeStateException(file, Reason.MALFORMED, "bitfield of " + bitfieldLength + " bytes at offset "
                    + (bitfieldLengthOffset + 4) + " for " + pieceCount + " pieces, which need " + expectedBitfieldLength);
        }
        byte[] bitfieldBytes = new byte[bitfieldLength];
        System.arraycopy(bytes, bitfieldLengthOffset + 4, bitfieldBytes, 0, bitfieldLength);
        Bitfield verified;
        try {
            verified = Bitfield.fromByteArray(bitfieldBytes, (int) pieceCount);
        } catch (IllegalArgumentException e) {
            throw new ResumeStateException(file, Reason.MALFORMED, "bitfield at offset " + (bitfieldLengthOffset + 4)
                    + ": " + e.getMessage());
        }
        return new ResumeState(identity, pieceLength, totalLength, verified, uploadedBytes);
    }

    private static void checkMagic(byte[] bytes, Path file) throws ResumeStateException {
        int compared = Math.min(bytes.length, MAGIC.length);
        for (int i = 0; i < compared; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new ResumeStateException(file, Reason.NOT_A_RESUME_FILE,
                        "not an Arietta resume state file (wrong magic byte at offset " + i + ")");
            }
        }
        if (compared < MAGIC.length) {
            throw new ResumeStateException(file, Reason.TRUNCATED, "file of " + bytes.length + " bytes ends inside the magic");
        }
    }

    private static void checkIdentityHeader(Path file, int type, int identityLength, ResumeStateLimits limits)
            throws ResumeStateException {
        if (type == TYPE_INFO_HASH) {
            if (identityLength != 20 && identityLength != 32) {
                throw new ResumeStateException(file, Reason.MALFORMED, "info-hash length " + identityLength
                        + " at offset " + IDENTITY_LENGTH_OFFSET + "; expected 20 or 32");
            }
        } else if (type == TYPE_URL) {
            if (identityLength == 0) {
                throw new ResumeStateException(file, Reason.MALFORMED, "empty URL at offset " + IDENTITY_LENGTH_OFFSET);
            }
            if (identityLength > limits.maxUrlBytes()) {
                throw new ResumeStateException(file, Reason.TOO_LARGE, "URL length " + identityLength + " at offset "
                        + IDENTITY_LENGTH_OFFSET + " exceeds the limit of " + limits.maxUrlBytes());
            }
        } else {
            throw new ResumeStateException(file, Reason.MALFORMED, "unknown identity type " + type + " at offset "
                    + TYPE_OFFSET);
        }
    }

    private static void checkCrc(byte[] bytes, ByteBuffer in, Path file) throws ResumeStateException {
        int crcOffset = bytes.length - CRC_BYTES;
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, crcOffset);
        int expected = in.getInt(crcOffset);
        if ((int) crc.getValue() != expected) {
            throw new ResumeStateException(file, Reason.CHECKSUM_MISMATCH, String.format(
                    "CRC-32C mismatch: file says %08x at offset %d, contents give %08x (corrupt file)",
                    expected, crcOffset, (int) crc.getValue()));
        }
    }

    private static ResumeIdentity decodeIdentity(byte[] bytes, int type, int identityLength, Path file)
            throws ResumeStateException {
        if (type == TYPE_INFO_HASH) {
            byte[] infoHash = new byte[identityLength];
            System.arraycopy(bytes, IDENTITY_OFFSET, infoHash, 0, identityLength);
            return new ResumeIdentity.InfoHash(infoHash);
        }
        try {
            CharBuffer url = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, IDENTITY_OFFSET, identityLength));
            return new ResumeIdentity.Url(url.toString());
        } catch (CharacterCodingException e) {
            throw new ResumeStateException(file, Reason.MALFORMED, "URL at offset " + IDENTITY_OFFSET
                    + " is not valid UTF-8");
        }
    }
}
