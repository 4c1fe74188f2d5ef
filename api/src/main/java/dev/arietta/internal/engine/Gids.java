package dev.arietta.internal.engine;

import java.util.HexFormat;

/** aria2 gids: 64-bit ids written as 16 lower-case hex digits; zero is not a gid. */
public final class Gids {

    private Gids() {
    }

    /** 16 lower-case hex digits. */
    public static String format(long gid) {
        return HexFormat.of().toHexDigits(gid);
    }

    /**
     * Reads 16 hex digits (either case).
     *
     * @throws IllegalArgumentException if {@code text} is not 16 hex digits, or is all zeros
     */
    public static long parse(String text) {
        if (text == null || text.length() != 16) {
            throw new IllegalArgumentException("a gid is 16 hex digits, got \"" + text + "\"");
        }
        long value = 0;
        for (int i = 0; i < 16; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0 || text.charAt(i) > 'f') {
                throw new IllegalArgumentException("a gid is 16 hex digits, got \"" + text + "\"");
            }
            value = value << 4 | digit;
        }
        if (value == 0) {
            throw new IllegalArgumentException("the gid 0000000000000000 is not allowed");
        }
        return value;
    }
}
