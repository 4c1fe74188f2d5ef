package dev.arietta.bittorrent.metainfo;

import dev.arietta.core.internal.storage.PathSanitizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Gives each file of a torrent a path no other file of it uses, ignoring case (so a torrent
 * lands the same on case-insensitive file systems): a path equal to an earlier file's, or to an
 * earlier file's directory, and a directory equal to an earlier file, are renamed
 * {@code stem.N.ext} with the smallest free {@code N} from 1, as libtorrent does. Not thread-safe.
 */
final class DuplicatePaths {

    private final int maxNameBytes;
    private final Set<String> files = new HashSet<>();
    private final Set<String> directories = new HashSet<>();

    DuplicatePaths(int maxNameBytes) {
        this.maxNameBytes = maxNameBytes;
    }

    /** The path to use for the next file, recorded as taken. */
    List<String> claim(List<String> path) {
        List<String> result = new ArrayList<>(path);
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < result.size(); i++) {
            boolean last = i == result.size() - 1;
            String element = result.get(i);
            String key = key(prefix, element);
            if (last ? files.contains(key) || directories.contains(key) : files.contains(key)) {
                element = freeName(prefix, element);
                result.set(i, element);
                key = key(prefix, element);
            }
            if (last) {
                files.add(key);
            } else {
                directories.add(key);
            }
            prefix.append(element.toLowerCase(Locale.ROOT)).append('/');
        }
        return List.copyOf(result);
    }

    private String freeName(StringBuilder prefix, String element) {
        int dot = element.lastIndexOf('.');
        String stem = dot > 0 ? element.substring(0, dot) : element;
        String extension = dot > 0 ? element.substring(dot) : "";
        for (int counter = 1; ; counter++) {
            String suffix = "." + counter + extension;
            int room = maxNameBytes - PathSanitizer.utf8Length(suffix);
            String candidate = PathSanitizer.truncateToBytes(stem, Math.max(1, room)) + suffix;
            String key = key(prefix, candidate);
            if (!files.contains(key) && !directories.contains(key)) {
                return candidate;
            }
        }
    }

    private static String key(StringBuilder prefix, String element) {
        return prefix + element.toLowerCase(Locale.ROOT);
    }
}
