package dev.arietta.ftp.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Parses the payload of 211 FEAT, 257 PWD, 213 SIZE and 213 MDTM replies. Stateless. */
final class FtpReplyTexts {
    /** SIZE values longer than this cannot be a long. */
    private static final int MAX_SIZE_DIGITS = 18;

    private FtpReplyTexts() {
    }

    /** The feature names of a 211 FEAT reply (first word of each inner line, upper case). */
    static Set<String> features(FtpReply reply) {
        Set<String> features = new HashSet<>();
        List<String> lines = reply.lines();
        for (int i = 1; i < lines.size() - 1; i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty()) {
                int space = line.indexOf(' ');
                features.add((space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT));
            }
        }
        return features;
    }

    /** The directory of a 257 reply ({@code "dir" text}, with {@code ""} for a quote), or null. */
    static String quotedDirectory(FtpReply reply) {
        String text = reply.firstLine();
        int start = text.indexOf('"');
        if (start < 0) {
            return null;
        }
        StringBuilder directory = new StringBuilder();
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    directory.append('"');
                    i++;
                } else {
                    String result = directory.toString();
                    return result.isEmpty() || !FtpOctets.isSafeArgument(result) ? null : result;
                }
            } else {
                directory.append(c);
            }
        }
        return null;
    }

    /** The size in a 213 SIZE reply, or empty when it is not a plain non-negative number. */
    static OptionalLong size(FtpReply reply) {
        String text = reply.firstLine().strip();
        if (text.isEmpty() || text.length() > MAX_SIZE_DIGITS) {
            return OptionalLong.empty();
        }
        long size = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
            size = size * 10 + (c - '0');
        }
        return OptionalLong.of(size);
    }

    /** The UTC time of a 213 MDTM reply {@code YYYYMMDDHHMMSS[.fraction]}, or empty. */
    static Optional<Instant> modificationTime(FtpReply reply) {
        String text = reply.firstLine().strip();
        if (text.length() < 14) {
            return Optional.empty();
        }
        for (int i = 0; i < 14; i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return Optional.empty();
            }
        }
        int nanos = 0;
        if (text.length() > 14) {
            String fraction = text.substring(15);
            if (text.charAt(14) != '.' || fraction.isEmpty() || fraction.length() > 9
                    || !fraction.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            nanos = Integer.parseInt((fraction + "000000000").substring(0, 9));
        }
        try {
            return Optional.of(LocalDateTime.of(
                    Integer.parseInt(text.substring(0, 4)), Integer.parseInt(text.substring(4, 6)),
                    Integer.parseInt(text.substring(6, 8)), Integer.parseInt(text.substring(8, 10)),
                    Integer.parseInt(text.substring(10, 12)), Integer.parseInt(text.substring(12, 14)), nanos)
                    .toInstant(ZoneOffset.UTC));
        } catch (DateTimeException invalid) {
            return Optional.empty();
        }
    }
}
