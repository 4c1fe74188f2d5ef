package dev.arietta.metalink;

import dev.arietta.metalink.internal.XmlText;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One mirror of a file: a Metalink 4 {@code url} element, or a Metalink 3 {@code url} of type
 * http, https or ftp. Immutable.
 *
 * <p>Metalink 3's {@code preference} (0–100, <em>higher</em> preferred) is mapped onto
 * Metalink 4's priority (1–999999, <em>lower</em> preferred) as aria2 does:
 * {@code priority = 101 - preference}, so preference 100 becomes priority 1 and preference 0
 * becomes 101. A preference above 100 is taken as 100 (priority 1); a missing, negative or
 * non-numeric one leaves the priority unspecified, which ranks as {@link #LOWEST_PRIORITY}.
 *
 * @param url      the URL as written (white space stripped); may be relative, see
 *                 {@link Metalink#select}
 * @param location ISO 3166-1 alpha-2 country code as written (e.g. {@code de}), or null
 * @param priority 1 (most preferred) to {@link #LOWEST_PRIORITY}, or empty when unspecified
 */
public record MetalinkUrl(String url, String location, OptionalInt priority) {

    /** The highest priority number and so the least preferred; unspecified ranks here. */
    public static final int LOWEST_PRIORITY = 999_999;

    /**
     * @throws IllegalArgumentException if the URL is empty, the priority is outside
     *                                  1–{@value #LOWEST_PRIORITY}, or a value has a
     *                                  character XML 1.0 cannot carry
     */
    public MetalinkUrl {
        url = XmlText.required("url", url);
        location = XmlText.optional("url location", location);
        Objects.requireNonNull(priority, "priority");
        priority.ifPresent(value -> requirePriority("url", value));
    }

    /** A URL with no location and no priority. */
    public static MetalinkUrl of(String url) {
        return new MetalinkUrl(url, null, OptionalInt.empty());
    }

    /** A URL with a location (or null) and a priority. */
    public static MetalinkUrl of(String url, String location, int priority) {
        return new MetalinkUrl(url, location, OptionalInt.of(priority));
    }

    /** The priority used for ranking: the given one or {@link #LOWEST_PRIORITY}. */
    public int effectivePriority() {
        return priority.orElse(LOWEST_PRIORITY);
    }

    static void requirePriority(String field, int value) {
        if (value < 1 || value > LOWEST_PRIORITY) {
            throw new IllegalArgumentException(field + " priority must be 1 to " + LOWEST_PRIORITY + ", was " + value);
        }
    }
}
