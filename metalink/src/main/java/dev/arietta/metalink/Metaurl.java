package dev.arietta.metalink;

import dev.arietta.metalink.internal.FileNames;
import dev.arietta.metalink.internal.XmlText;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A metadata document that also describes the file: a Metalink 4 {@code metaurl} (a .torrent
 * or another Metalink), or a Metalink 3 {@code url type="bittorrent"} (mapped to media type
 * {@value #TORRENT}). Immutable.
 *
 * @param url       the document's URL as written; may be relative, see {@link Metalink#select}
 * @param mediatype {@value #TORRENT} for BitTorrent, else a MIME type such as
 *                  {@value #METALINK4}
 * @param priority  1 (most preferred) to {@link MetalinkUrl#LOWEST_PRIORITY}, or empty
 * @param name      the file's path inside a multi-file torrent, or null; follows the same
 *                  rule as {@link MetalinkFile#name()}
 */
public record Metaurl(String url, String mediatype, OptionalInt priority, String name) {

    /** Media type of a BitTorrent metaurl. */
    public static final String TORRENT = "torrent";
    /** Media type of a Metalink 4 metaurl. */
    public static final String METALINK4 = "application/metalink4+xml";

    /**
     * @throws IllegalArgumentException if the URL or media type is empty, the priority is out
     *                                  of range, or the name is unsafe
     */
    public Metaurl {
        url = XmlText.required("metaurl", url);
        mediatype = XmlText.required("metaurl mediatype", mediatype);
        Objects.requireNonNull(priority, "priority");
        priority.ifPresent(value -> MetalinkUrl.requirePriority("metaurl", value));
        name = XmlText.optional("metaurl name", name);
        if (name != null) {
            FileNames.require("metaurl name", name);
        }
    }

    /** A BitTorrent metaurl with no priority and no name. */
    public static Metaurl torrent(String url) {
        return new Metaurl(url, TORRENT, OptionalInt.empty(), null);
    }

    /** The priority used for ranking: the given one or {@link MetalinkUrl#LOWEST_PRIORITY}. */
    public int effectivePriority() {
        return priority.orElse(MetalinkUrl.LOWEST_PRIORITY);
    }

    /** Whether this describes the file as a BitTorrent swarm. */
    public boolean isTorrent() {
        return TORRENT.equals(mediatype) || "application/x-bittorrent".equals(mediatype);
    }
}
