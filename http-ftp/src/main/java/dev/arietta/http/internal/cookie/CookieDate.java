package dev.arietta.http.internal.cookie;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/**
 * The cookie-date algorithm of RFC 6265 §5.1.1, which accepts the many date formats servers
 * put in {@code Expires} (RFC 1123, RFC 850, asctime, and sloppier variants). Stateless.
 */
final class CookieDate {
    private static final String[] MONTHS = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
    };

    private CookieDate() {
    }

    /** The instant the date names, or empty when RFC 6265 says to ignore it. */
    static Optional<Instant> parse(String text) {
        int hour = -1;
        int minute = -1;
        int second = -1;
        int dayOfMonth = -1;
        int month = -1;
        int year = -1;
        int position = 0;
        int length = text.length();
        while (position < length) {
            while (position < length && isDelimiter(text.charAt(position))) {
                position++;
            }
            int start = position;
            while (position < length && !isDelimiter(text.charAt(position))) {
                position++;
            }
            if (start == position) {
                break;
            }
            String token = text.substring(start, position);
            int[] time;
            int value;
            if (hour < 0 && (time = parseTime(token)) != null) {
                hour = time[0];
                minute = time[1];
                second = time[2];
            } else if (dayOfMonth < 0 && (value = leadingDigits(token, 1, 2)) >= 0) {
                dayOfMonth = value;
            } else if (month < 0 && (value = parseMonth(token)) >= 0) {
                month = value;
            } else if (year < 0 && (value = leadingDigits(token, 2, 4)) >= 0) {
                year = value;
            }
        }
        if (year >= 70 && year <= 99) {
            year += 1900;
        } else if (year >= 0 && year <= 69) {
            year += 2000;
        }
        if (hour < 0 || dayOfMonth < 1 || dayOfMonth > 31 || month < 0 || year < 1601
                || hour > 23 || minute > 59 || second > 59) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.of(year, month + 1, dayOfMonth, hour, minute, second)
                    .toInstant(ZoneOffset.UTC));
        } catch (DateTimeException nonexistentDate) {
            return Optional.empty();
        }
    }

    // delimiter = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E
    private static boolean isDelimiter(char c) {
        return c == 0x09 || (c >= 0x20 && c <= 0x2F) || (c >= 0x3B && c <= 0x40)
                || (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
    }

    /** hms-time = time-field ":" time-field ":" time-field, each 1*2DIGIT, then non-digit junk. */
    private static int[] parseTime(String token) {
        int[] fields = new int[3];
        int position = 0;
        for (int field = 0; field < 3; field++) {
            int start = position;
            int value = 0;
            while (position < token.length() && position - start < 2 && isDigit(token.charAt(position))) {
                value = value * 10 + (token.charAt(position) - '0');
                position++;
            }
            if (position == start) {
                return null;
            }
            fields[field] = value;
            if (field < 2) {
                if (position >= token.length() || token.charAt(position) != ':') {
                    return null;
                }
                position++;
            }
        }
        if (position < token.length() && isDigit(token.charAt(position))) {
            return null;
        }
        return fields;
    }

    /** minDigits..maxDigits leading digits followed by the end or a non-digit; -1 otherwise. */
    private static int leadingDigits(String token, int minDigits, int maxDigits) {
        int count = 0;
        int value = 0;
        while (count < token.length() && isDigit(token.charAt(count))) {
            if (count == maxDigits) {
                return -1;
            }
            value = value * 10 + (token.charAt(count) - '0');
            count++;
        }
        return count >= minDigits ? value : -1;
    }

    private static int parseMonth(String token) {
        if (token.length() < 3) {
            return -1;
        }
        String prefix = token.substring(0, 3).toLowerCase(Locale.ROOT);
        for (int month = 0; month < MONTHS.length; month++) {
            if (MONTHS[month].equals(prefix)) {
                return month;
            }
        }
        return -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
