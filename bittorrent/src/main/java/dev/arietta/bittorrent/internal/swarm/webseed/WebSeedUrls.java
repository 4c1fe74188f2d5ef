package dev.arietta.bittorrent.internal.swarm.webseed;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a web seed keeps each file of a torrent (BEP 19): for a single-file torrent the
 * {@code url-list} URL itself, or, when it ends in {@code /}, that URL followed by the name;
 * for a multi-file torrent the URL is a root folder followed by the name and each file's path.
 * The name and paths are the torrent's own ({@link dev.arietta.bittorrent.metainfo.TorrentMetainfo#originalName()},
 * {@link dev.arietta.bittorrent.metainfo.TorrentFile#originalPath()}), not the sanitized ones the
 * files get on disk: the server keeps the files under the names the torrent was made from. Every
 * path element is percent-encoded (UTF-8, RFC 3986 unreserved characters kept; an element that
 * is {@code .} or {@code ..} is encoded whole, so that it stays a name and never a dot-segment).
 * Stateless.
 */
public final class WebSeedUrls {

    private WebSeedUrls() {
    }

    /**
     * @param base      the {@code url-list} entry
     * @param name      the torrent's original name
     * @param filePaths each file's original path elements under the name (multi-file), in torrent order
     * @param multiFile whether the torrent has a {@code files} list
     * @return one URI per file, in torrent order
     * @throws IllegalArgumentException if {@code base} with the path appended is not a valid URI
     */
    public static List<URI> fileUris(String base, String name, List<List<String>> filePaths, boolean multiFile) {
        List<URI> uris = new ArrayList<>(filePaths.size());
        if (!multiFile) {
            uris.add(parse(base.endsWith("/") ? base + encode(name) : base));
            return uris;
        }
        String root = (base.endsWith("/") ? base : base + "/") + encode(name);
        for (List<String> path : filePaths) {
            StringBuilder url = new StringBuilder(root);
            for (String element : path) {
                url.append('/').append(encode(element));
            }
            uris.add(parse(url.toString()));
        }
        return uris;
    }

    /** Percent-encodes one path element (UTF-8), keeping RFC 3986's unreserved characters. */
    static String encode(String element) {
        if (element.equals(".") || element.equals("..")) {
            return element.equals(".") ? "%2E" : "%2E%2E";
        }
        StringBuilder encoded = new StringBuilder(element.length());
        for (byte b : element.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return encoded.toString();
    }

    private static URI parse(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("web seed URL " + url + ": " + e.getMessage(), e);
        }
    }
}
