package dev.arietta.internal.engine;

import dev.arietta.core.internal.storage.PathSanitizer;
import dev.arietta.http.internal.transfer.FetchResponse;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The name a download is saved under, before sanitizing (the storage layer sanitizes and
 * contains it): {@code out} if set, else the Content-Disposition file name, else the last
 * segment of the URL path (percent-decoded), else {@value #DEFAULT_NAME} as aria2.
 */
final class FileNames {

    private static final PathSanitizer SANITIZER = new PathSanitizer();

    /** The name when nothing else gives one: {@value}, as aria2. */
    static final String DEFAULT_NAME = "index.html";

    private FileNames() {
    }

    static String choose(Path out, FetchResponse response) {
        if (out != null && !out.toString().isEmpty()) {
            return out.toString().replace('\\', '/');
        }
        String suggested = response.suggestedName().map(FileNames::lastElement).orElse("");
        if (usable(suggested)) {
            return suggested;
        }
        String fromUri = fromUri(response.finalUri());
        return usable(fromUri) ? fromUri : DEFAULT_NAME;
    }

    /** The name before any answer: {@code out} if set, else the URI's last path segment, else {@value #DEFAULT_NAME}. */
    static String choose(Path out, URI uri) {
        if (out != null && !out.toString().isEmpty()) {
            return out.toString().replace('\\', '/');
        }
        String fromUri = fromUri(uri);
        return usable(fromUri) ? fromUri : DEFAULT_NAME;
    }

    // A name that sanitizes to nothing ("..", control characters only) falls through to the next source.
    private static boolean usable(String name) {
        String clean = SANITIZER.sanitizeElement(name);
        return !clean.isEmpty() && !clean.equals(".") && !clean.equals("..");
    }

    /** The last path segment of {@code uri}, percent-decoded, or empty. */
    static String fromUri(URI uri) {
        String path = uri.getRawPath();
        if (path == null) {
            return "";
        }
        String segment = lastElement(path);
        try {
            // An escaped separator is part of the name, not a directory: keep it visible but harmless.
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8).replace('/', '_')
                    .replace('\\', '_');
        } catch (IllegalArgumentException badEscape) {
            return segment;
        }
    }

    // A suggested name is a name, not a path: whatever precedes the last separator is dropped.
    private static String lastElement(String name) {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return name.substring(slash + 1);
    }
}
