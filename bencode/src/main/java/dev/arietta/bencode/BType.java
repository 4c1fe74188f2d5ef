package dev.arietta.bencode;

/** The four bencode types. */
public enum BType {
    /** A byte string: {@code 4:spam}. Not necessarily text. */
    STRING("byte string"),
    /** A signed 64-bit integer: {@code i42e}. */
    INTEGER("integer"),
    /** A list: {@code l…e}. */
    LIST("list"),
    /** A dictionary with byte-string keys: {@code d…e}. */
    DICTIONARY("dictionary");

    private final String description;

    BType(String description) {
        this.description = description;
    }

    /** Lower-case name used in error messages, e.g. "byte string". */
    public String description() {
        return description;
    }
}
