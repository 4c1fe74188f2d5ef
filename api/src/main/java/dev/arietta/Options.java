package dev.arietta;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A set of option values, each explicitly set or else taken from the option's default: the
 * session's global options, or one download's options.
 *
 * <pre>{@code
 * Options perDownload = Options.of("split", "8", "dir", "/downloads");
 * Options global = Options.builder().set(Option.MAX_CONCURRENT_DOWNLOADS, 3).set("max-download-limit", "1M").build();
 * Options effective = perDownload.merge(global);     // per-download values over global ones
 * int split = effective.get(Option.SPLIT);           // 8
 * }</pre>
 *
 * <p>Values are checked when they are set, never later: an unknown name or a bad value throws
 * {@link OptionException} from {@link #of} or the {@link Builder}. A repeatable option
 * ({@link Option#HEADER}) given several times as text accumulates; set in Java form it is
 * replaced.
 *
 * <p>Immutable and thread-safe. {@link #equals} compares the explicitly set values;
 * {@link #toString} masks secrets (passwords, the password in a proxy URI,
 * {@code Authorization}/{@code Cookie} header values).
 */
public final class Options {

    private static final Options EMPTY = new Options(Map.of());

    /** Explicit values, keyed by option, in {@link Option#all()} order; values are canonical. */
    private final Map<Option<?>, Object> values;

    private Options(Map<Option<?>, Object> values) {
        this.values = values;
    }

    /** No option set: every {@link #get} returns the default. */
    public static Options empty() {
        return EMPTY;
    }

    /**
     * Options from aria2 names and text values in pairs: {@code of("split", "8", "dir", "/x")}.
     * A name given twice replaces the earlier value, except a repeatable one, which accumulates.
     *
     * @throws OptionException          if a name is unknown or a value is not accepted
     * @throws IllegalArgumentException if the number of arguments is odd
     */
    public static Options of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected name, value pairs, got " + namesAndValues.length
                    + " arguments");
        }
        Builder builder = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            builder.set(namesAndValues[i], namesAndValues[i + 1]);
        }
        return builder.build();
    }

    /** Options from a map of aria2 names to text values (as {@link #asStringMap()} returns). */
    public static Options of(Map<String, String> namesToValues) {
        Builder builder = builder();
        namesToValues.forEach(builder::set);
        return builder.build();
    }

    /** A builder with nothing set. */
    public static Builder builder() {
        return new Builder(Map.of());
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder(values);
    }

    /**
     * The explicit value, else the option's default; {@code null} only when the option is
     * neither set nor has a default (see {@link Option#defaultValue()}).
     */
    public <T> T get(Option<T> option) {
        Object value = values.get(Objects.requireNonNull(option, "option"));
        if (value != null) {
            return cast(option, value);
        }
        return option.defaultValue().orElse(null);
    }

    /** The explicit value, else the default, else empty. */
    public <T> Optional<T> find(Option<T> option) {
        return Optional.ofNullable(get(option));
    }

    /** Whether the option is explicitly set (a default does not count). */
    public boolean isSet(Option<?> option) {
        return values.containsKey(Objects.requireNonNull(option, "option"));
    }

    /**
     * Whether the named option is explicitly set.
     *
     * @throws OptionException if no option has that name
     */
    public boolean isSet(String name) {
        return isSet(Option.named(name));
    }

    /** The explicitly set options, in {@link Option#all()} order. */
    public Set<Option<?>> options() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** Whether nothing is explicitly set. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * These options over {@code parent}: an option set here keeps its value, every other option
     * set in {@code parent} is taken from there. This is how aria2 resolves a download's options
     * against the global ones. A repeatable option set here replaces the parent's value rather
     * than adding to it, as in aria2.
     */
    public Options merge(Options parent) {
        Objects.requireNonNull(parent, "parent");
        if (parent.values.isEmpty()) {
            return this;
        }
        if (values.isEmpty()) {
            return parent;
        }
        Map<Option<?>, Object> merged = new HashMap<>(parent.values);
        merged.putAll(values);
        return new Options(ordered(merged));
    }

    /**
     * The explicitly set values in aria2's text form, in {@link Option#all()} order: what
     * save-session writes. Sizes and speeds are plain byte counts; a repeatable option's
     * elements are joined with {@code '\n'}. Secrets are not masked. {@link #of(Map)} reads the
     * map back to equal options.
     */
    public Map<String, String> asStringMap() {
        Map<String, String> map = new LinkedHashMap<>();
        values.forEach((option, value) -> map.put(option.name(), formatValue(option, value)));
        return Collections.unmodifiableMap(map);
    }

    /**
     * Every option that has a value, set or default, in text form and {@link Option#all()}
     * order: what aria2's {@code getGlobalOption} lists. Secrets are not masked.
     */
    public Map<String, String> effectiveStringMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (Option<?> option : Option.all()) {
            Object value = get(option);
            if (value != null) {
                map.put(option.name(), formatValue(option, value));
            }
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Options options && options.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** {@code Options{split=8, http-passwd=***}}: the explicit values, secrets masked. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>(values.size());
        values.forEach((option, value) -> parts.add(option.name() + "=" + formatMasked(option, value)));
        return "Options{" + String.join(", ", parts) + "}";
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Option<T> option, Object value) {
        // Only Builder stores values, each checked by the option it is stored under.
        return (T) value;
    }

    private static <T> String formatValue(Option<T> option, Object value) {
        return option.format(cast(option, value));
    }

    private static <T> String formatMasked(Option<T> option, Object value) {
        return option.formatMasked(cast(option, value)).replace("\n", "\\n");
    }

    private static Map<Option<?>, Object> ordered(Map<Option<?>, Object> values) {
        List<Option<?>> keys = new ArrayList<>(values.keySet());
        keys.sort(Comparator.comparingInt(Option::position));
        Map<Option<?>, Object> ordered = new LinkedHashMap<>();
        for (Option<?> key : keys) {
            ordered.put(key, values.get(key));
        }
        return Collections.unmodifiableMap(ordered);
    }

    /**
     * Collects option values; each is checked as it is set. Not thread-safe; {@link #build()}
     * may be called several times.
     */
    public static final class Builder {

        private final Map<Option<?>, Object> values;

        private Builder(Map<Option<?>, Object> initial) {
            this.values = new HashMap<>(initial);
        }

        /**
         * Sets an option by aria2 name from aria2 text: {@code set("max-download-limit", "1M")}.
         * A repeatable option adds the value(s) to those already set.
         *
         * @throws OptionException if the name is unknown or the value is not accepted
         */
        public Builder set(String name, String value) {
            Objects.requireNonNull(value, "value");
            return setText(Option.named(name), value);
        }

        private <T> Builder setText(Option<T> option, String text) {
            T parsed = option.parse(text);
            Object existing = values.get(option);
            values.put(option, existing == null ? parsed : option.append(cast(option, existing), parsed));
            return this;
        }

        /**
         * Sets an option from a Java value, replacing any value set before (a repeatable option
         * included): {@code set(Option.SPLIT, 8)}.
         *
         * @throws OptionException if the value is out of range or otherwise not accepted
         */
        public <T> Builder set(Option<T> option, T value) {
            Objects.requireNonNull(option, "option");
            values.put(option, option.canonical(value));
            return this;
        }

        /** Sets every option explicitly set in {@code options}, replacing values set here before. */
        public Builder setAll(Options options) {
            values.putAll(options.values);
            return this;
        }

        /** Removes an explicit value, so the default applies again. */
        public Builder unset(Option<?> option) {
            values.remove(Objects.requireNonNull(option, "option"));
            return this;
        }

        /** The options set so far. */
        public Options build() {
            return values.isEmpty() ? EMPTY : new Options(ordered(values));
        }
    }
}
