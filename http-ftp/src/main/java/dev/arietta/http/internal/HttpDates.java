package dev.arietta.http.internal;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP dates (RFC 9110 §5.6.7): formats IMF-fixdate, parses all three forms a recipient must
 * accept (IMF-fixdate, obsolete RFC 850, asctime), and reads {@code Retry-After}.
 */
public final class HttpDates {

    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder()
            .appendText(ChronoField.DAY_OF_WEEK, fullDayNames())
            .appendLiteral(", ")
            .appendPattern("dd-MMM-")
            .appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
            .appendPattern(" HH:mm:ss 'GMT'")
            .toFormatter(Locale.ROOT);

    private static final DateTimeFormatter ASCTIME = new DateTimeFormatterBuilder()
            .appendPattern("EEE MMM")
            .appendLiteral(' ')
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("d HH:mm:ss yyyy")
            .toFormatter(Locale.ROOT);

    private HttpDates() {
    }

    /** English day names, spelled out (the root locale only knows abbreviations). */
    private static Map<Long, String> fullDayNames() {
        String[] names = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
        Map<Long, String> byNumber = new HashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            byNumber.put((long) day.getValue(), names[day.getValue() - 1]);
        }
        return byNumber;
    }

    /** {@code instant} as an IMF-fixdate, e.g. {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
    public static String format(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    /** Parses any of the three HTTP date forms; empty when the text is none of them. */
    public static Optional<Instant> parse(String text) {
        String value = text.trim();
        try {
            return Optional.of(ZonedDateTime.parse(value, IMF_FIXDATE).toInstant());
        } catch (DateTimeParseException notFixdate) {
            // Fall through to the obsolete forms.
        }
        try {
            return Optional.of(LocalDateTime.parse(value, RFC_850).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notRfc850) {
            // Fall through.
        }
        try {
            return Optional.of(LocalDateTime.parse(value, ASCTIME).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notAsctime) {
            return Optional.empty();
        }
    }

    /**
     * The delay a {@code Retry-After} value asks for: delta-seconds, or an HTTP date measured
     * from {@code clock} (a date in the past means zero).
     *
     * @return empty when the value is neither form
     */
    public static Optional<Duration> retryAfter(String value, Clock clock) {
        String text = value.trim();
        if (!text.isEmpty() && text.length() <= 10 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
        }
        return parse(text).map(date -> {
            Duration delay = Duration.between(clock.instant(), date);
            return delay.isNegative() ? Duration.ZERO : delay;
        });
    }
}
