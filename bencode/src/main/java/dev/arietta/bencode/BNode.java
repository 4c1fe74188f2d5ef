package dev.arietta.bencode;

import dev.arietta.bencode.internal.Tokens;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * One value inside a {@link BDocument}: a cursor into its token array. Reading a node decodes
 * only what is asked for; byte strings can be read without copying through
 * {@link #asBuffer()}, and any value's exact input bytes through {@link #rawBuffer()} (the
 * info-hash is the SHA-1 of the {@code info} dictionary's raw bytes).
 *
 * <p>Typed accessors throw {@link BencodeException} carrying the node's input offset when the
 * value has another type or a required key is missing, e.g. {@code expected dictionary, found
 * list at offset 11}.
 *
 * <p>Immutable and thread-safe under the same condition as its document. Dictionary lookups
 * scan the dictionary's keys: O(number of keys), without allocation for ASCII keys.
 */
public final class BNode {

    private final BDocument document;
    private final Tokens tokens;
    private final int token;

    BNode(BDocument document, int token) {
        this.document = document;
        this.tokens = document.tokens();
        this.token = token;
    }

    /** The document this node belongs to. */
    public BDocument document() {
        return document;
    }

    /** The kind of value this node is. */
    public BType type() {
        return switch (tokens.type(token)) {
            case Tokens.STRING -> BType.STRING;
            case Tokens.INTEGER -> BType.INTEGER;
            case Tokens.LIST -> BType.LIST;
            default -> BType.DICTIONARY;
        };
    }

    /** Whether this node is a byte string. */
    public boolean isString() {
        return tokens.type(token) == Tokens.STRING;
    }

    /** Whether this node is an integer. */
    public boolean isInteger() {
        return tokens.type(token) == Tokens.INTEGER;
    }

    /** Whether this node is a list. */
    public boolean isList() {
        return tokens.type(token) == Tokens.LIST;
    }

    /** Whether this node is a dictionary. */
    public boolean isDictionary() {
        return tokens.type(token) == Tokens.DICTIONARY;
    }

    // ---- raw span -------------------------------------------------------------------------

    /** Offset of this value's first byte, relative to the start of the document's input. */
    public int offset() {
        return tokens.offset(token);
    }

    /** Number of input bytes this value occupies, header and end marker included. */
    public int rawLength() {
        return tokens.end(token) - tokens.offset(token);
    }

    /** A read-only, zero-copy view of this value's exact input bytes. */
    public ByteBuffer rawBuffer() {
        return ByteBuffer.wrap(document.input(), document.base() + offset(), rawLength()).slice()
                .asReadOnlyBuffer();
    }

    /** A copy of this value's exact input bytes. */
    public byte[] rawBytes() {
        int start = document.base() + offset();
        byte[] out = new byte[rawLength()];
        System.arraycopy(document.input(), start, out, 0, out.length);
        return out;
    }

    // ---- byte strings ---------------------------------------------------------------------

    /** Length of this byte string's content. */
    public int stringLength() throws BencodeException {
        expect(Tokens.STRING);
        return payloadEnd() - payloadStart();
    }

    /** A copy of this byte string's content. */
    public byte[] asBytes() throws BencodeException {
        expect(Tokens.STRING);
        byte[] out = new byte[payloadEnd() - payloadStart()];
        System.arraycopy(document.input(), payloadStart(), out, 0, out.length);
        return out;
    }

    /** A read-only, zero-copy view of this byte string's content. */
    public ByteBuffer asBuffer() throws BencodeException {
        expect(Tokens.STRING);
        return ByteBuffer.wrap(document.input(), payloadStart(), payloadEnd() - payloadStart()).slice()
                .asReadOnlyBuffer();
    }

    /** This byte string decoded as UTF-8, malformed sequences replaced by U+FFFD. */
    public String asString() throws BencodeException {
        expect(Tokens.STRING);
        return new String(document.input(), payloadStart(), payloadEnd() - payloadStart(), StandardCharsets.UTF_8);
    }

    /**
     * This byte string decoded as UTF-8, failing on malformed input.
     *
     * @throws BencodeException if this is not a byte string or not valid UTF-8
     */
    public String asStrictString() throws BencodeException {
        expect(Tokens.STRING);
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(document.input(), payloadStart(), payloadEnd() - payloadStart()));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new BencodeException("byte string is not valid UTF-8", offset());
        }
    }

    /** True if this is a byte string holding valid UTF-8. */
    public boolean isUtf8() {
        if (!isString()) {
            return false;
        }
        try {
            asStrictString();
            return true;
        } catch (BencodeException e) {
            return false;
        }
    }

    /** True if this is a byte string whose content is the UTF-8 encoding of {@code text}. */
    public boolean contentEquals(String text) {
        return isString() && keyEquals(token, text);
    }

    // ---- integers -------------------------------------------------------------------------

    /** This integer's value. */
    public long asLong() throws BencodeException {
        expect(Tokens.INTEGER);
        byte[] in = document.input();
        int pos = document.base() + offset() + 1;
        boolean negative = in[pos] == '-';
        if (negative) {
            pos++;
        }
        long value = 0;
        // Validated by the tokenizer: digits up to 'e', within 64 bits when accumulated negatively.
        while (in[pos] != 'e') {
            value = value * 10 - (in[pos++] - '0');
        }
        return negative ? value : -value;
    }

    /**
     * This integer's value as an int.
     *
     * @throws BencodeException if not an integer or outside the int range
     */
    public int asInt() throws BencodeException {
        long value = asLong();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new BencodeException("integer " + value + " does not fit in 32 bits", offset());
        }
        return (int) value;
    }

    // ---- lists and dictionaries -----------------------------------------------------------

    /** Number of items in a list, or of entries in a dictionary. */
    public int size() throws BencodeException {
        int type = tokens.type(token);
        if (type != Tokens.LIST && type != Tokens.DICTIONARY) {
            throw mismatch("list or dictionary");
        }
        int count = 0;
        for (int t = token + 1; tokens.type(t) != Tokens.END; t = tokens.next(t)) {
            count++;
        }
        return type == Tokens.LIST ? count : count / 2;
    }

    /**
     * The list item at {@code index}; O(index).
     *
     * @throws BencodeException if not a list or the index is out of range
     */
    public BNode get(int index) throws BencodeException {
        expect(Tokens.LIST);
        int t = token + 1;
        for (int i = 0; i < index && tokens.type(t) != Tokens.END; i++) {
            t = tokens.next(t);
        }
        if (index < 0 || tokens.type(t) == Tokens.END) {
            throw new BencodeException("list index " + index + " out of range", offset());
        }
        return new BNode(document, t);
    }

    /** The items of a list, in order. */
    public List<BNode> items() throws BencodeException {
        expect(Tokens.LIST);
        List<BNode> out = new ArrayList<>();
        for (int t = token + 1; tokens.type(t) != Tokens.END; t = tokens.next(t)) {
            out.add(new BNode(document, t));
        }
        return out;
    }

    /** Calls {@code action} with each key and value of a dictionary, in input order. */
    public void forEachEntry(BiConsumer<BNode, BNode> action) throws BencodeException {
        expect(Tokens.DICTIONARY);
        for (int t = token + 1; tokens.type(t) != Tokens.END; ) {
            int value = tokens.next(t);
            action.accept(new BNode(document, t), new BNode(document, value));
            t = tokens.next(value);
        }
    }

    /** The keys of a dictionary as UTF-8 strings (malformed bytes replaced), in input order. */
    public List<String> keys() throws BencodeException {
        expect(Tokens.DICTIONARY);
        List<String> out = new ArrayList<>();
        for (int t = token + 1; tokens.type(t) != Tokens.END; t = tokens.next(tokens.next(t))) {
            out.add(new BNode(document, t).asString());
        }
        return out;
    }

    /** The value under {@code key} (compared as UTF-8 bytes), or null if absent. */
    public BNode get(String key) throws BencodeException {
        expect(Tokens.DICTIONARY);
        for (int t = token + 1; tokens.type(t) != Tokens.END; t = tokens.next(tokens.next(t))) {
            if (keyEquals(t, key)) {
                return new BNode(document, t + 1);
            }
        }
        return null;
    }

    /** True if a dictionary has {@code key}. */
    public boolean containsKey(String key) throws BencodeException {
        return get(key) != null;
    }

    /**
     * The value under {@code key}.
     *
     * @throws BencodeException if not a dictionary or the key is missing
     */
    public BNode require(String key) throws BencodeException {
        BNode value = get(key);
        if (value == null) {
            throw new BencodeException("missing key \"" + key + "\" in dictionary", offset());
        }
        return value;
    }

    /** The UTF-8 string under a required key. */
    public String getString(String key) throws BencodeException {
        return require(key).expectFor(key, Tokens.STRING).asString();
    }

    /** The byte string under a required key, copied. */
    public byte[] getBytes(String key) throws BencodeException {
        return require(key).expectFor(key, Tokens.STRING).asBytes();
    }

    /** The integer under a required key. */
    public long getLong(String key) throws BencodeException {
        return require(key).expectFor(key, Tokens.INTEGER).asLong();
    }

    /** The list under a required key. */
    public BNode getList(String key) throws BencodeException {
        return require(key).expectFor(key, Tokens.LIST);
    }

    /** The dictionary under a required key. */
    public BNode getDictionary(String key) throws BencodeException {
        return require(key).expectFor(key, Tokens.DICTIONARY);
    }

    /** Converts this value and everything under it into an immutable {@link BValue} tree. */
    public BValue toValue() {
        return ValueBuilder.build(document, token);
    }

    // ---- internals ------------------------------------------------------------------------

    int token() {
        return token;
    }

    private int payloadStart() {
        return document.base() + tokens.offset(token) + tokens.headerLength(token);
    }

    private int payloadEnd() {
        return document.base() + tokens.end(token);
    }

    private boolean keyEquals(int keyToken, String key) {
        byte[] in = document.input();
        int start = document.base() + tokens.offset(keyToken) + tokens.headerLength(keyToken);
        int length = document.base() + tokens.end(keyToken) - start;
        int chars = key.length();
        if (chars > length) {
            return false;
        }
        for (int i = 0; i < chars; i++) {
            char c = key.charAt(i);
            if (c >= 0x80) {
                byte[] encoded = key.getBytes(StandardCharsets.UTF_8);
                return java.util.Arrays.equals(in, start, start + length, encoded, 0, encoded.length);
            }
            if (i >= length || in[start + i] != c) {
                return false;
            }
        }
        return chars == length;
    }

    private void expect(int type) throws BencodeException {
        if (tokens.type(token) != type) {
            throw mismatch(typeName(type));
        }
    }

    private BNode expectFor(String key, int type) throws BencodeException {
        if (tokens.type(token) != type) {
            throw new BencodeException("key \"" + key + "\": expected " + typeName(type) + ", found "
                    + type().description(), offset());
        }
        return this;
    }

    private BencodeException mismatch(String expected) {
        return new BencodeException("expected " + expected + ", found " + type().description(), offset());
    }

    private static String typeName(int type) {
        return switch (type) {
            case Tokens.STRING -> BType.STRING.description();
            case Tokens.INTEGER -> BType.INTEGER.description();
            case Tokens.LIST -> BType.LIST.description();
            default -> BType.DICTIONARY.description();
        };
    }

    @Override
    public String toString() {
        return "BNode[" + type().description() + " at " + offset() + ", " + rawLength() + " bytes]";
    }
}
