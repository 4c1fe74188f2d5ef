package dev.arietta.bencode;

import dev.arietta.bencode.internal.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Converts a token range into a {@link BValue} tree; recursion is bounded by the decoder's depth limit. */
final class ValueBuilder {

    private ValueBuilder() {
    }

    static BValue build(BDocument document, int token) {
        Tokens tokens = document.tokens();
        byte[] in = document.input();
        int base = document.base();
        switch (tokens.type(token)) {
            case Tokens.STRING: {
                int start = base + tokens.offset(token) + tokens.headerLength(token);
                int end = base + tokens.end(token);
                byte[] bytes = new byte[end - start];
                System.arraycopy(in, start, bytes, 0, bytes.length);
                return BString.wrap(bytes);
            }
            case Tokens.INTEGER:
                try {
                    return BInteger.of(new BNode(document, token).asLong());
                } catch (BencodeException e) {
                    throw new AssertionError("integer token", e);
                }
            case Tokens.LIST: {
                List<BValue> items = new ArrayList<>();
                for (int t = token + 1; tokens.type(t) != Tokens.END; t = tokens.next(t)) {
                    items.add(build(document, t));
                }
                return BList.of(items);
            }
            default: {
                TreeMap<BString, BValue> entries = new TreeMap<>();
                for (int t = token + 1; tokens.type(t) != Tokens.END; ) {
                    int value = tokens.next(t);
                    entries.put((BString) build(document, t), build(document, value));
                    t = tokens.next(value);
                }
                return BDictionary.own(entries);
            }
        }
    }
}
