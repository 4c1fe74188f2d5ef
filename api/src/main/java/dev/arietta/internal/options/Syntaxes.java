package dev.arietta.internal.options;

import dev.arietta.http.internal.proxy.NoProxyRules;
import dev.arietta.http.internal.proxy.ProxyOptionException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * The value syntaxes options are declared with. New options (BitTorrent, Metalink) are
 * declared from these building blocks; no parser changes are needed to add one.
 */
public final class Syntaxes {

    /** The upper bound meaning "no limit" for {@link #integer} and {@link #seconds}: shown as {@code *}. */
    public static final int UNBOUNDED = Integer.MAX_VALUE;
    /** The upper bound meaning "no limit" for {@link #size} and {@link #speed}: shown as {@code *}. */
    public static final long UNBOUNDED_BYTES = Long.MAX_VALUE;

    private static final ValueSyntax<Boolean> BOOLEAN = new BooleanSyntax();

    private Syntaxes() {
    }

    /** A decimal integer in {@code [min, max]}. */
    public static ValueSyntax<Integer> integer(int min, int max) {
        return new IntegerSyntax(min, max);
    }

    /** Whole seconds in {@code [min, max]}, as a {@link Duration}. */
    public static ValueSyntax<Duration> seconds(int min, int max) {
        return new SecondsSyntax(min, max);
    }

    /** A byte count in {@code [min, max]} with an optional K/M/G suffix. */
    public static ValueSyntax<Long> size(long min, long max) {
        return new UnitSyntax(UnitSyntax.Quantity.SIZE, min, max);
    }

    /** A speed in bytes per second in {@code [min, max]} with an optional K/M/G suffix. */
    public static ValueSyntax<Long> speed(long min, long max) {
        return new UnitSyntax(UnitSyntax.Quantity.SPEED, min, max);
    }

    /** {@code true} or {@code false}. */
    public static ValueSyntax<Boolean> bool() {
        return BOOLEAN;
    }

    /** One of an enum's constants, written as {@code word} gives it. */
    public static <E extends Enum<E>> ValueSyntax<E> choice(Class<E> type, Function<E, String> word) {
        return new ChoiceSyntax<>(type, word);
    }

    /** Text without control characters; {@code placeholder} is shown in help ({@code USER}). */
    public static ValueSyntax<String> text(String placeholder) {
        return new TextSyntax(placeholder, false);
    }

    /** Like {@link #text} but masked whole in messages and {@code toString}: passwords. */
    public static ValueSyntax<String> secret(String placeholder) {
        return new TextSyntax(placeholder, true);
    }

    /** A non-empty path; {@code placeholder} is shown in help ({@code DIR}, {@code FILE}). */
    public static ValueSyntax<Path> path(String placeholder) {
        return new PathSyntax(placeholder, false);
    }

    /** A path, where the empty string is also a value. */
    public static ValueSyntax<Path> pathOrEmpty(String placeholder) {
        return new PathSyntax(placeholder, true);
    }

    /** {@code header}: repeatable {@code Name: value} lines. */
    public static ValueSyntax<List<String>> headers() {
        return new RepeatableSyntax<>(new HeaderSyntax());
    }

    /** A proxy URI, or empty for none. */
    public static ValueSyntax<String> proxy() {
        return new ProxySyntax();
    }

    /** {@code no-proxy}: host names, domains, addresses and CIDR blocks, checked by {@link NoProxyRules}. */
    public static ValueSyntax<List<String>> noProxy() {
        return new CommaListSyntax("a comma-separated list of host names, domains, addresses and CIDR blocks",
                "DOMAINS", elements -> {
                    try {
                        NoProxyRules.parse("no-proxy", String.join(",", elements));
                    } catch (ProxyOptionException e) {
                        String message = e.getMessage();
                        String prefix = "no-proxy: ";
                        throw new InvalidValueException(message.startsWith(prefix)
                                ? message.substring(prefix.length()) : message, e);
                    }
                });
    }

    /** A comma-separated list of text elements with no further check. */
    public static ValueSyntax<List<String>> commaList(String description, String placeholder) {
        return new CommaListSyntax(description, placeholder, elements -> { });
    }

    /** {@code TYPE=HEXDIGEST}, checked by core's {@code ExpectedChecksum}. */
    public static ValueSyntax<String> checksum() {
        return new ChecksumSyntax();
    }

    /** An absolute URI; {@code placeholder} is shown in help. */
    public static ValueSyntax<String> absoluteUri(String placeholder) {
        return new AbsoluteUriSyntax(placeholder);
    }

    /** {@code select-file}: 1-based indexes and ranges, {@code 1-5,8,9} ({@link FileIndexes}). */
    public static ValueSyntax<String> fileIndexes() {
        return new FileIndexSyntax();
    }

    /** A decimal number in {@code [min, max]} ({@code seed-ratio=1.5}). */
    public static ValueSyntax<Double> decimal(double min, double max) {
        return new DecimalSyntax(min, max);
    }

    /** Minutes, possibly fractional, as a {@link Duration} ({@code seed-time=90}). */
    public static ValueSyntax<Duration> minutes() {
        return new MinutesSyntax();
    }

    /** Ports and port ranges, comma-separated ({@code listen-port=6881-6999}). */
    public static ValueSyntax<String> portRanges() {
        return new PortRangesSyntax();
    }

    /** The {@code {first, last}} ranges of a value of {@link #portRanges()}. */
    public static List<int[]> portRanges(String value) {
        return PortRangesSyntax.ranges(value);
    }

    /** A gid: 16 hex digits, not all zero. */
    public static ValueSyntax<String> gid() {
        return new GidSyntax();
    }
}
