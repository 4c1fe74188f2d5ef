package dev.arietta.bencode;

import java.io.IOException;

/**
 * Bencoded input was malformed, broke a limit, or a typed accessor met a
 * value of another type. Carries the byte offset in the input where the problem was found
 * ({@code -1} when it concerns an already-decoded value rather than input bytes).
 */
public class BencodeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long offset;

    /**
     * @param message what was expected and what was found
     * @param offset  byte offset into the input, or -1
     */
    public BencodeException(String message, long offset) {
        super(offset >= 0 ? message + " at offset " + offset : message);
        this.offset = offset;
    }

    /** Byte offset into the input where the problem was found, or -1 if not about input bytes. */
    public long offset() {
        return offset;
    }
}
