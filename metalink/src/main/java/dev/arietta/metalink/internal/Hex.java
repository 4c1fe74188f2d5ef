package dev.arietta.metalink.internal;

/**
 * Hexadecimal digests: validation and decoding straight from a character buffer, so a
 * piece-hash list decodes without one String per hash (MetalinkBenchmark.parsePieceHashes).
 */
public final class Hex {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();
    /** Value of each ASCII hex digit, -1 for other characters below 128; never written after this. */
    private static final byte[] VALUES = new byte[128];

    static {
        java.util.Arrays.fill(VALUES, (byte) -1);
        for (int i = 0; i < 10; i++) {
            VALUES['0' + i] = (byte) i;
        }
        for (int i = 0; i < 6; i++) {
            VALUES['a' + i] = (byte) (10 + i);
            VALUES['A' + i] = (byte) (10 + i);
        }
    }

    private Hex() {
    }

    /** Value of a hex digit (either case), or -1. */
    public static int digit(char c) {
        // Table lookup instead of range tests: the piece-hash loop is most of
        // MetalinkBenchmark.parsePieceHashes once Aalto has tokenized.
        return c < 128 ? VALUES[c] : -1;
    }

    /**
     * Decodes {@code source[start, end)} into {@code target} at {@code offset}.
     *
     * @return whether every character was a hex digit and the length was exactly
     *         {@code 2 * byteLength}; {@code target} is partly written when false
     */
    public static boolean decode(char[] source, int start, int end, int byteLength, byte[] target, int offset) {
        if (end - start != 2 * byteLength) {
            return false;
        }
        for (int i = 0; i < byteLength; i++) {
            int high = digit(source[start + 2 * i]);
            int low = digit(source[start + 2 * i + 1]);
            if ((high | low) < 0) {
                return false;
            }
            target[offset + i] = (byte) (high << 4 | low);
        }
        return true;
    }

    /** Lowercase hex of {@code bytes[offset, offset + length)}. */
    public static String encode(byte[] bytes, int offset, int length) {
        char[] out = new char[2 * length];
        for (int i = 0; i < length; i++) {
            int b = bytes[offset + i] & 0xff;
            out[2 * i] = DIGITS[b >>> 4];
            out[2 * i + 1] = DIGITS[b & 0xf];
        }
        return new String(out);
    }

    /**
     * Why {@code text} is not a hex digest of {@code byteLength} bytes, or null if it is.
     * Names the first offending character, so a user can find it.
     */
    public static String problem(CharSequence text, int byteLength) {
        for (int i = 0; i < text.length(); i++) {
            if (digit(text.charAt(i)) < 0) {
                return "'" + printable(text.charAt(i)) + "' at position " + i + " is not a hex digit";
            }
        }
        if (text.length() != 2 * byteLength) {
            return "has " + text.length() + " hex digits, expected " + 2 * byteLength;
        }
        return null;
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
