package dev.arietta.bencode;

import java.util.List;

/**
 * An immutable bencode value: {@link BString}, {@link BInteger}, {@link BList} or
 * {@link BDictionary}. Values compare by content; dictionaries hold their keys sorted as raw
 * bytes, so {@link Bencode#encode(BValue)} is canonical and
 * {@code Bencode.decodeValue(Bencode.encode(v)).equals(v)} holds for every value.
 *
 * <p>The {@code as…} accessors throw {@link BencodeException} naming the expected and actual
 * type ({@code expected dictionary, found list}); offsets are -1 since a tree is detached from
 * its input. Thread-safe: every implementation is deeply immutable.
 */
public sealed interface BValue permits BString, BInteger, BList, BDictionary {

    /** This value's type. */
    BType type();

    /** This byte string's content, copied. */
    default byte[] asBytes() throws BencodeException {
        throw BValues.mismatch(BType.STRING, this);
    }

    /** This byte string decoded as UTF-8, malformed sequences replaced by U+FFFD. */
    default String asString() throws BencodeException {
        throw BValues.mismatch(BType.STRING, this);
    }

    /** This integer's value. */
    default long asLong() throws BencodeException {
        throw BValues.mismatch(BType.INTEGER, this);
    }

    /** This integer's value, which must fit in an int. */
    default int asInt() throws BencodeException {
        throw BValues.mismatch(BType.INTEGER, this);
    }

    /** This list's items (unmodifiable). */
    default List<BValue> asList() throws BencodeException {
        throw BValues.mismatch(BType.LIST, this);
    }

    /** This value as a dictionary. */
    default BDictionary asDictionary() throws BencodeException {
        throw BValues.mismatch(BType.DICTIONARY, this);
    }
}
