package dev.arietta.bittorrent.metainfo;

import dev.arietta.bencode.BNode;
import dev.arietta.bencode.BencodeException;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of torrent keys with {@link TorrentException}s that name the key path. Keys of
 * the {@code info} dictionary are strict (a wrong type is an error); outer keys such as
 * {@code announce-list} are read leniently, as libtorrent and aria2 do, because clients add
 * all sorts of things there. Stateless.
 */
final class BencodeFields {

    private BencodeFields() {
    }

    /** The value of {@code key}, or null when absent. */
    static BNode find(BNode dictionary, String key) {
        try {
            return dictionary.get(key);
        } catch (BencodeException e) {
            // only thrown when dictionary is not a dictionary, which callers have checked
            throw new IllegalStateException(e);
        }
    }

    static String describe(BNode node) {
        return switch (node.type()) {
            case STRING -> "string";
            case INTEGER -> "integer";
            case LIST -> "list";
            case DICTIONARY -> "dictionary";
        };
    }

    static BNode requireType(BNode node, String where, String expected, int fileIndex) throws TorrentException {
        boolean matches = switch (expected) {
            case "string" -> node.isString();
            case "integer" -> node.isInteger();
            case "list" -> node.isList();
            default -> node.isDictionary();
        };
        if (!matches) {
            throw fault(where, fileIndex, "expected " + expected + ", found " + describe(node));
        }
        return node;
    }

    static TorrentException fault(String where, int fileIndex, String problem) {
        return fileIndex < 0 ? TorrentException.invalid(where, problem)
                : new TorrentException(dev.arietta.core.ErrorCode.BITTORRENT_PARSE_ERROR, where, fileIndex, problem,
                        null);
    }

    static long integer(BNode node) {
        try {
            return node.asLong();
        } catch (BencodeException e) {
            throw new IllegalStateException(e);
        }
    }

    /** UTF-8 text, malformed sequences replaced by U+FFFD, as libtorrent does. */
    static String text(BNode node) {
        try {
            return node.asString();
        } catch (BencodeException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The string at {@code key}, or null when absent or not a string (lenient outer keys). */
    static String optionalText(BNode dictionary, String key) {
        BNode node = find(dictionary, key);
        return node != null && node.isString() ? text(node) : null;
    }

    /** The items of a list node. */
    static List<BNode> items(BNode list) {
        try {
            return list.items();
        } catch (BencodeException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The strings of a list, or null if {@code list} is not a list of strings. */
    static List<String> stringList(BNode list) {
        if (list == null || !list.isList()) {
            return null;
        }
        List<BNode> items = items(list);
        List<String> texts = new ArrayList<>(items.size());
        for (BNode item : items) {
            if (!item.isString()) {
                return null;
            }
            texts.add(text(item));
        }
        return texts;
    }
}
