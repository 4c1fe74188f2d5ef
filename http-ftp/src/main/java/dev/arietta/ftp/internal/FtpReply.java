package dev.arietta.ftp.internal;

import java.util.List;

/**
 * One complete server reply. Lines are octet strings (see {@link FtpOctets}); the first and last
 * lines have their {@code "123-"} / {@code "123 "} prefix removed. Immutable.
 *
 * @param code the three-digit reply code
 * @param lines the text lines, at least one (possibly empty)
 */
record FtpReply(int code, List<String> lines) {

    FtpReply {
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply has at least one line");
        }
    }

    /** The text of the first line. */
    String firstLine() {
        return lines.get(0);
    }

    /** Whether the code is 1yz (positive preliminary). */
    boolean isPreliminary() {
        return code / 100 == 1;
    }

    /** Whether the code is 2yz (positive completion). */
    boolean isCompletion() {
        return code / 100 == 2;
    }

    /** Whether the code is 3yz (positive intermediate). */
    boolean isIntermediate() {
        return code / 100 == 3;
    }

    /** The text for error messages: the first line, decoded for display. */
    String displayText() {
        return FtpOctets.display(firstLine());
    }

    @Override
    public String toString() {
        return code + " " + displayText() + (lines.size() > 1 ? " (+" + (lines.size() - 1) + " lines)" : "");
    }
}
