package dev.arietta.bencode;

import dev.arietta.bencode.internal.Tokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A configured decoder: a {@link BencodeMode} and {@link BencodeLimits}. Immutable and
 * thread-safe; build one with {@link Bencode#decoder()} and reuse it.
 *
 * <p>Decoding validates the whole input in one pass and returns a {@link BDocument} over the
 * caller's bytes (not copied, except from direct or read-only buffers and streams). Every
 * failure is a {@link BencodeException} with the byte offset and what was expected; no
 * allocation depends on a length read from the input before that length is checked against
 * the bytes actually present.
 */
public final class BencodeDecoder {

    private final BencodeMode mode;
    private final BencodeLimits limits;

    private BencodeDecoder(BencodeMode mode, BencodeLimits limits) {
        this.mode = mode;
        this.limits = limits;
    }

    static BencodeDecoder of(BencodeMode mode, BencodeLimits limits) {
        return new BencodeDecoder(mode, limits);
    }

    /** Whether unsorted dictionary keys are refused ({@link BencodeMode#STRICT}) or reported ({@link BencodeMode#LENIENT}). */
    public BencodeMode mode() {
        return mode;
    }

    /** The depth, token and input length limits this decoder enforces. */
    public BencodeLimits limits() {
        return limits;
    }

    /** Decodes exactly one value filling {@code input}. */
    public BDocument decode(byte[] input) throws BencodeException {
        return decode(input, 0, input.length);
    }

    /** Decodes exactly one value filling {@code input[offset, offset + length)}. */
    public BDocument decode(byte[] input, int offset, int length) throws BencodeException {
        Objects.checkFromIndexSize(offset, length, input.length);
        return document(input, offset, Tokenizer.tokenize(input, offset, length, limits, mode, false));
    }

    /**
     * Decodes exactly one value filling the buffer's remaining bytes. A heap buffer is read in
     * place; a direct or read-only one is copied first. The buffer's position is not changed.
     */
    public BDocument decode(ByteBuffer input) throws BencodeException {
        if (input.hasArray()) {
            return decode(input.array(), input.arrayOffset() + input.position(), input.remaining());
        }
        byte[] copy = new byte[input.remaining()];
        input.duplicate().get(copy);
        return decode(copy);
    }

    /**
     * Reads the stream to its end, at most {@link BencodeLimits#maxInputLength()} bytes, and
     * decodes one value filling it. The stream is not closed.
     *
     * @throws BencodeException if the input is longer than the limit or malformed
     * @throws IOException      if reading fails
     */
    public BDocument decode(InputStream input) throws IOException {
        int max = limits.maxInputLength();
        byte[] buffer = new byte[Math.min(max, 8192) + 1];
        int size = 0;
        while (true) {
            if (size == buffer.length) {
                if (size > max) {
                    throw new BencodeException("input longer than the limit of " + max + " bytes", max);
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min((long) max + 1, (long) buffer.length * 2));
            }
            int read = input.read(buffer, size, buffer.length - size);
            if (read < 0) {
                break;
            }
            size += read;
        }
        if (size > max) {
            throw new BencodeException("input longer than the limit of " + max + " bytes", max);
        }
        return decode(buffer, 0, size);
    }

    /**
     * Decodes the one value at the start of {@code input[offset, offset + length)} and stops
     * there; bytes after it are allowed (a BEP 9 metadata message carries raw data after its
     * dictionary). {@link BDocument#length()} tells where the value ended.
     */
    public BDocument decodePrefix(byte[] input, int offset, int length) throws BencodeException {
        Objects.checkFromIndexSize(offset, length, input.length);
        return document(input, offset, Tokenizer.tokenize(input, offset, length, limits, mode, true));
    }

    /** Decodes {@code input} into an immutable value tree. */
    public BValue decodeValue(byte[] input) throws BencodeException {
        return decode(input).root().toValue();
    }

    private static BDocument document(byte[] input, int offset, Tokenizer.Result result) {
        return new BDocument(input, offset, result.tokens(), result.endOffset(), result.unsortedCount(),
                result.unsortedOffsets());
    }

    /** Builds a {@link BencodeDecoder}. Defaults: {@link BencodeMode#LENIENT}, {@link BencodeLimits#DEFAULT}. */
    public static final class Builder {

        private BencodeMode mode = BencodeMode.LENIENT;
        private BencodeLimits limits = BencodeLimits.DEFAULT;

        Builder() {
        }

        /** Key-order strictness; default {@link BencodeMode#LENIENT}. */
        public Builder mode(BencodeMode value) {
            mode = Objects.requireNonNull(value, "mode");
            return this;
        }

        /** Shorthand for {@code mode(BencodeMode.STRICT)}. */
        public Builder strict() {
            return mode(BencodeMode.STRICT);
        }

        /** All limits at once; default {@link BencodeLimits#DEFAULT}. */
        public Builder limits(BencodeLimits value) {
            limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        /** Deepest nesting; default {@value BencodeLimits#DEFAULT_MAX_DEPTH}. */
        public Builder maxDepth(int value) {
            limits = limits.withMaxDepth(value);
            return this;
        }

        /** Most tokens; default {@value BencodeLimits#DEFAULT_MAX_TOKENS}. */
        public Builder maxTokens(int value) {
            limits = limits.withMaxTokens(value);
            return this;
        }

        /** Most bytes read from a stream; default {@value BencodeLimits#DEFAULT_MAX_INPUT_LENGTH}. */
        public Builder maxInputLength(int value) {
            limits = limits.withMaxInputLength(value);
            return this;
        }

        /** A decoder with the settings given so far; the builder may be used again. */
        public BencodeDecoder build() {
            return new BencodeDecoder(mode, limits);
        }
    }
}
