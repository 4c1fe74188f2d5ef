package dev.arietta.bittorrent.metainfo;

import static dev.arietta.bittorrent.metainfo.BencodeFields.describe;
import static dev.arietta.bittorrent.metainfo.BencodeFields.find;
import static dev.arietta.bittorrent.metainfo.BencodeFields.integer;
import static dev.arietta.bittorrent.metainfo.BencodeFields.items;
import static dev.arietta.bittorrent.metainfo.BencodeFields.optionalText;
import static dev.arietta.bittorrent.metainfo.BencodeFields.stringList;
import static dev.arietta.bittorrent.metainfo.BencodeFields.text;

import dev.arietta.bencode.BNode;
import dev.arietta.core.internal.storage.PathContainmentException;
import dev.arietta.core.internal.storage.PathSanitizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code info.files} list of a multi-file torrent: lengths, sanitized paths, BEP 47
 * attributes, and renames of colliding paths ({@link DuplicatePaths}). One instance per parse;
 * not thread-safe.
 */
final class FileListReader {

    private final TorrentLimits limits;
    private final PathSanitizer sanitizer;

    FileListReader(TorrentLimits limits, PathSanitizer sanitizer) {
        this.limits = limits;
        this.sanitizer = sanitizer;
    }

    List<TorrentFile> read(BNode filesNode) throws TorrentException {
        if (!filesNode.isList()) {
            throw TorrentException.invalid("info.files", "expected list, found " + describe(filesNode));
        }
        List<BNode> entries = items(filesNode);
        if (entries.isEmpty()) {
            throw TorrentException.invalid("info.files", "empty");
        }
        if (entries.size() > limits.maxFiles()) {
            throw TorrentException.invalid("info.files", entries.size() + " files exceed the limit of "
                    + limits.maxFiles());
        }
        DuplicatePaths duplicates = new DuplicatePaths(limits.maxNameBytes());
        List<TorrentFile> files = new ArrayList<>(entries.size());
        long offset = 0;
        for (int index = 0; index < entries.size(); index++) {
            BNode entry = entries.get(index);
            if (!entry.isDictionary()) {
                throw TorrentException.invalidFile(index, "", "expected dictionary, found " + describe(entry));
            }
            long length = readLength(entry, index);
            if (length > Long.MAX_VALUE - offset) {
                throw TorrentException.invalidFile(index, ".length", "total length overflows 64 bits");
            }
            String attributes = optionalText(entry, "attr");
            boolean padding = has(attributes, 'p');
            List<String> original = readPath(entry, index);
            List<String> path = sanitize(original);
            if (!padding) {
                path = duplicates.claim(path);
            }
            List<String> symlinkPath = has(attributes, 'l') ? readSymlinkPath(entry) : List.of();
            files.add(new TorrentFile(path, length, offset, padding, has(attributes, 'x'), has(attributes, 'h'),
                    symlinkPath, original));
            offset += length;
        }
        return files;
    }

    private static boolean has(String attributes, char letter) {
        return attributes != null && attributes.indexOf(letter) >= 0;
    }

    private static long readLength(BNode entry, int index) throws TorrentException {
        BNode length = find(entry, "length");
        if (length == null) {
            throw TorrentException.invalidFile(index, ".length", "missing");
        }
        if (!length.isInteger()) {
            throw TorrentException.invalidFile(index, ".length", "expected integer, found " + describe(length));
        }
        long value = integer(length);
        if (value < 0) {
            throw TorrentException.invalidFile(index, ".length", value + " is negative");
        }
        return value;
    }

    /** The path elements as the torrent gives them ({@code path.utf-8} preferred), checked but not sanitized. */
    private List<String> readPath(BNode entry, int index) throws TorrentException {
        List<String> elements = stringList(find(entry, "path.utf-8"));
        String key = ".path.utf-8";
        if (elements == null || elements.isEmpty()) {
            key = ".path";
            BNode path = find(entry, "path");
            if (path == null) {
                throw TorrentException.invalidFile(index, key, "missing");
            }
            if (!path.isList()) {
                throw TorrentException.invalidFile(index, key, "expected list, found " + describe(path));
            }
            List<BNode> items = items(path);
            elements = new ArrayList<>(items.size());
            for (BNode item : items) {
                if (!item.isString()) {
                    throw TorrentException.invalidFile(index, key, "expected list of strings, found "
                            + describe(item) + " in it");
                }
                elements.add(text(item));
            }
        }
        if (elements.isEmpty()) {
            throw TorrentException.invalidFile(index, key, "empty");
        }
        if (elements.size() > limits.maxPathDepth()) {
            throw TorrentException.invalidFile(index, key, elements.size() + " elements exceed the limit of "
                    + limits.maxPathDepth());
        }
        return elements;
    }

    private List<String> sanitize(List<String> elements) {
        try {
            return sanitizer.sanitizePath(elements);
        } catch (PathContainmentException nothingLeft) {
            return List.of("_");
        }
    }

    /** The sanitized link target, or empty (a regular file) when there is no usable target. */
    private List<String> readSymlinkPath(BNode entry) {
        List<String> target = stringList(find(entry, "symlink path"));
        if (target == null || target.isEmpty() || target.size() > limits.maxPathDepth()) {
            return List.of();
        }
        List<String> clean = new ArrayList<>(target.size());
        for (String element : target) {
            String safe = sanitizer.sanitizeElement(element);
            if (!safe.isEmpty()) {
                clean.add(safe);
            }
        }
        return clean;
    }
}
