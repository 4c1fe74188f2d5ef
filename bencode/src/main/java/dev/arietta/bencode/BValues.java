package dev.arietta.bencode;

/** Shared helpers for the value classes. */
final class BValues {

    private BValues() {
    }

    static BencodeException mismatch(BType expected, BValue actual) {
        return new BencodeException("expected " + expected.description() + ", found "
                + actual.type().description(), -1);
    }

    static BencodeException mismatch(String key, BType expected, BValue actual) {
        return new BencodeException("key \"" + key + "\": expected " + expected.description() + ", found "
                + actual.type().description(), -1);
    }
}
