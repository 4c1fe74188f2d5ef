package dev.arietta.bencode;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable bencode dictionary: byte-string keys, kept sorted as raw bytes (the canonical
 * order), each key once. Build one with {@link #builder()}.
 *
 * <p>The typed getters ({@link #getString(String)}, {@link #getLong(String)}, …) require the
 * key and type and throw {@link BencodeException} naming the key otherwise; the
 * {@code find…} variants return empty for a missing key but still reject a wrong type.
 */
public final class BDictionary implements BValue {

    private static final BDictionary EMPTY = new BDictionary(Collections.emptyNavigableMap());

    private final NavigableMap<BString, BValue> entries;

    private BDictionary(NavigableMap<BString, BValue> entries) {
        this.entries = entries;
    }

    /** An empty dictionary. */
    public static BDictionary empty() {
        return EMPTY;
    }

    /** Takes ownership of an already sorted map nobody else holds. */
    static BDictionary own(TreeMap<BString, BValue> sorted) {
        return sorted.isEmpty() ? EMPTY : new BDictionary(Collections.unmodifiableNavigableMap(sorted));
    }

    /** A builder; later {@code put}s of the same key replace earlier ones. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public BType type() {
        return BType.DICTIONARY;
    }

    @Override
    public BDictionary asDictionary() {
        return this;
    }

    /** The entries in canonical key order (unmodifiable). */
    public NavigableMap<BString, BValue> entries() {
        return entries;
    }

    /** Number of entries. */
    public int size() {
        return entries.size();
    }

    /** True if {@code key} (UTF-8) is present. */
    public boolean containsKey(String key) {
        return entries.containsKey(BString.of(key));
    }

    /** The value under {@code key} (UTF-8), or null. */
    public BValue get(String key) {
        return entries.get(BString.of(key));
    }

    /** The value under a binary {@code key}, or null. */
    public BValue get(BString key) {
        return entries.get(key);
    }

    /** The value under a required key. */
    public BValue require(String key) throws BencodeException {
        BValue value = get(key);
        if (value == null) {
            throw new BencodeException("missing key \"" + key + "\" in dictionary", -1);
        }
        return value;
    }

    /** The UTF-8 text under a required key. */
    public String getString(String key) throws BencodeException {
        return typed(key, require(key), BType.STRING).asString();
    }

    /** The bytes under a required key, copied. */
    public byte[] getBytes(String key) throws BencodeException {
        return typed(key, require(key), BType.STRING).asBytes();
    }

    /** The integer under a required key. */
    public long getLong(String key) throws BencodeException {
        return typed(key, require(key), BType.INTEGER).asLong();
    }

    /** The list under a required key. */
    public List<BValue> getList(String key) throws BencodeException {
        return typed(key, require(key), BType.LIST).asList();
    }

    /** The dictionary under a required key. */
    public BDictionary getDictionary(String key) throws BencodeException {
        return typed(key, require(key), BType.DICTIONARY).asDictionary();
    }

    /** The UTF-8 text under {@code key}, empty if absent; a wrong type is still an error. */
    public Optional<String> findString(String key) throws BencodeException {
        BValue value = get(key);
        return value == null ? Optional.empty() : Optional.of(typed(key, value, BType.STRING).asString());
    }

    /** The integer under {@code key}, empty if absent; a wrong type is still an error. */
    public Optional<Long> findLong(String key) throws BencodeException {
        BValue value = get(key);
        return value == null ? Optional.empty() : Optional.of(typed(key, value, BType.INTEGER).asLong());
    }

    /** The dictionary under {@code key}, empty if absent; a wrong type is still an error. */
    public Optional<BDictionary> findDictionary(String key) throws BencodeException {
        BValue value = get(key);
        return value == null ? Optional.empty() : Optional.of(typed(key, value, BType.DICTIONARY).asDictionary());
    }

    /** The list under {@code key}, empty if absent; a wrong type is still an error. */
    public Optional<List<BValue>> findList(String key) throws BencodeException {
        BValue value = get(key);
        return value == null ? Optional.empty() : Optional.of(typed(key, value, BType.LIST).asList());
    }

    private static BValue typed(String key, BValue value, BType expected) throws BencodeException {
        if (value.type() != expected) {
            throw BValues.mismatch(key, expected, value);
        }
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BDictionary other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return entries.toString();
    }

    /** Collects entries for a {@link BDictionary}. Not thread-safe; reusable after build. */
    public static final class Builder {

        private final TreeMap<BString, BValue> entries = new TreeMap<>();

        private Builder() {
        }

        /** Puts {@code value} under {@code key} (UTF-8). */
        public Builder put(String key, BValue value) {
            return put(BString.of(key), value);
        }

        /** Puts {@code value} under a binary {@code key}. */
        public Builder put(BString key, BValue value) {
            entries.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Puts a UTF-8 string. */
        public Builder put(String key, String value) {
            return put(key, BString.of(value));
        }

        /** Puts a byte string. */
        public Builder put(String key, byte[] value) {
            return put(key, BString.of(value));
        }

        /** Puts an integer. */
        public Builder put(String key, long value) {
            return put(key, BInteger.of(value));
        }

        /** Puts every entry of {@code map}. */
        public Builder putAll(Map<BString, ? extends BValue> map) {
            map.forEach(this::put);
            return this;
        }

        /** The dictionary built so far. */
        public BDictionary build() {
            return own(new TreeMap<>(entries));
        }
    }
}
