package dev.arietta.examples.cli;

import java.util.Locale;

/**
 * Sizes, speeds and durations as aria2 prints them on the console, so that the readout and the
 * results table read the same as {@code aria2c}'s.
 *
 * <ul>
 *   <li>{@link #abbreviate}: binary units {@code Ki}, {@code Mi}, {@code Gi}; one decimal only
 *       below 10 units ({@code 1.5Mi}, {@code 400Mi}); from 922 of a unit on, the next unit is
 *       used ({@code 950Ki} is shown as {@code 0.9Mi}, 922 bytes as {@code 0.9Ki}); thousands of {@code Gi} are grouped
 *       with commas. Callers append {@code B} or {@code B/s}.</li>
 *   <li>{@link #duration}: {@code 1h2m3s}, {@code 5m}, {@code 0s}; zero fields are left out.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class ConsoleUnits {

    private static final String[] UNITS = {"", "Ki", "Mi", "Gi"};
    private static final long KIBI = 1024;
    /** aria2 switches to the next unit from 922 of the current one on, so no value shows as four digits. */
    private static final long NEXT_UNIT_THRESHOLD = 922;

    private ConsoleUnits() {
    }

    /**
     * A byte count (or bytes per second) in aria2's short form, without the trailing {@code B}.
     * Negative values (unknown lengths) are shown as {@code 0}, as aria2 does.
     */
    public static String abbreviate(long bytes) {
        long whole = Math.max(0, bytes);
        long remainder = 0;
        int unit = 0;
        while (whole >= KIBI && unit + 1 < UNITS.length) {
            remainder = whole % KIBI;
            whole /= KIBI;
            unit++;
        }
        if (unit + 1 < UNITS.length && whole >= NEXT_UNIT_THRESHOLD) {
            unit++;
            remainder = whole;
            whole = 0;
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%,d", whole));
        if (whole < 10 && unit > 0) {
            text.append('.').append(remainder * 10 / KIBI);
        }
        return text.append(UNITS[unit]).toString();
    }

    /** Seconds as {@code 1h2m3s}: hours, minutes and seconds, each left out when zero; {@code 0s} for 0. */
    public static String duration(long seconds) {
        long rest = Math.max(0, seconds);
        StringBuilder text = new StringBuilder();
        if (rest >= 3600) {
            text.append(rest / 3600).append('h');
            rest %= 3600;
        }
        if (rest >= 60) {
            text.append(rest / 60).append('m');
            rest %= 60;
        }
        if (rest > 0 || text.length() == 0) {
            text.append(rest).append('s');
        }
        return text.toString();
    }

    /** The first 6 hex digits of a 16-digit gid, as aria2 abbreviates it on the console. */
    public static String abbreviateGid(String gid) {
        return gid.length() <= 6 ? gid : gid.substring(0, 6);
    }
}
