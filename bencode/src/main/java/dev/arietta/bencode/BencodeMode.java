package dev.arietta.bencode;

/**
 * How strictly a decoder holds input to the canonical form.
 *
 * <p>Both modes reject malformed input: leading zeros ({@code i01e}, {@code 06:}),
 * negative zero, integers beyond 64 bits, truncation, duplicate dictionary keys and, unless
 * a prefix is asked for, bytes after the value. They differ only on key order.
 */
public enum BencodeMode {
    /** Dictionary keys must be in ascending raw-byte order; anything else is an error. */
    STRICT,
    /**
     * Dictionary keys in any order are accepted (torrents in the wild have them) and reported
     * through {@link BDocument#unsortedDictionaryCount()} and
     * {@link BDocument#unsortedDictionaryOffsets()}. Duplicate keys are still an error.
     */
    LENIENT
}
