package dev.arietta.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An immutable response head: status, reason phrase, protocol version and header fields in
 * the order received. Names match case-insensitively; repeated fields are kept as separate
 * values (a comma-separated value is not split). Thread-safe.
 *
 * <p>{@link #links()} and {@link #digests()} give every raw {@code Link} and {@code Digest}
 * value for Metalink/HTTP (RFC 6249) mirror and checksum discovery.
 * {@link #toString()} masks {@code Set-Cookie} values.
 */
public final class HttpResponseHeaders {

    private final int status;
    private final String reason;
    private final int minorVersion;
    private final String[] names;
    private final String[] values;

    /**
     * @param status       the status code (100–999)
     * @param reason       the reason phrase, possibly empty
     * @param minorVersion 0 for HTTP/1.0, 1 for HTTP/1.1
     * @param fields       header fields as name–value pairs, in received order
     */
    public HttpResponseHeaders(int status, String reason, int minorVersion, List<Map.Entry<String, String>> fields) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status " + status + " out of range");
        }
        this.status = status;
        this.reason = Objects.requireNonNull(reason, "reason");
        this.minorVersion = minorVersion;
        this.names = new String[fields.size()];
        this.values = new String[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            names[i] = Objects.requireNonNull(fields.get(i).getKey(), "name");
            values[i] = Objects.requireNonNull(fields.get(i).getValue(), "value");
        }
    }

    /** The status code. */
    public int status() {
        return status;
    }

    /** The reason phrase, possibly empty. */
    public String reason() {
        return reason;
    }

    /** {@code HTTP/1.0} or {@code HTTP/1.1}. */
    public String version() {
        return "HTTP/1." + minorVersion;
    }

    /** The number of header fields. */
    public int size() {
        return names.length;
    }

    /** The name of field {@code index}, as the server spelled it. */
    public String name(int index) {
        return names[index];
    }

    /** The value of field {@code index}, without surrounding whitespace. */
    public String value(int index) {
        return values[index];
    }

    /** The first value of {@code name}, if present. */
    public Optional<String> firstValue(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                return Optional.of(values[i]);
            }
        }
        return Optional.empty();
    }

    /** Every value of {@code name}, in received order (empty list if absent). */
    public List<String> allValues(String name) {
        List<String> result = null;
        for (int i = 0; i < names.length; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                if (result == null) {
                    result = new ArrayList<>(2);
                }
                result.add(values[i]);
            }
        }
        return result == null ? List.of() : Collections.unmodifiableList(result);
    }

    /** Whether at least one field is called {@code name}. */
    public boolean contains(String name) {
        return firstValue(name).isPresent();
    }

    /** The fields grouped by lower-case name, in order of first appearance. */
    public Map<String, List<String>> map() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            map.computeIfAbsent(names[i].toLowerCase(Locale.ROOT), key -> new ArrayList<>()).add(values[i]);
        }
        map.replaceAll((key, list) -> List.copyOf(list));
        return Collections.unmodifiableMap(map);
    }

    /** Every raw {@code Link} value (RFC 8288), for Metalink/HTTP mirrors and metalinks. */
    public List<String> links() {
        return allValues("Link");
    }

    /** Every raw {@code Digest} value (RFC 3230), for Metalink/HTTP checksums. */
    public List<String> digests() {
        return allValues("Digest");
    }

    /**
     * The body length announced by {@code Content-Length}, if present and a plain decimal
     * number (the client has already rejected conflicting values).
     */
    public OptionalLong contentLength() {
        Optional<String> value = firstValue("Content-Length");
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        String text = value.get();
        int comma = text.indexOf(',');
        try {
            return OptionalLong.of(Long.parseLong((comma < 0 ? text : text.substring(0, comma)).trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(version()).append(' ').append(status);
        if (!reason.isEmpty()) {
            text.append(' ').append(reason);
        }
        for (int i = 0; i < names.length; i++) {
            text.append("\n").append(names[i]).append(": ")
                    .append(names[i].equalsIgnoreCase("Set-Cookie") ? "****" : values[i]);
        }
        return text.toString();
    }
}
