package dev.arietta.bittorrent.metainfo;

import dev.arietta.bencode.BencodeWriter;
import java.time.Instant;
import java.util.List;

/**
 * Bencodes a created torrent the way libtorrent's {@code create_torrent::generate} lays it out,
 * so that for the same files, piece length and flags the {@code info} dictionary is
 * byte-identical to libtorrent's (same info-hash):
 * <ul>
 *   <li>{@code info}: {@code files} (each {@code attr} when it has one, {@code length},
 *       {@code path}) or, for one file, {@code attr}/{@code length}; then {@code name},
 *       {@code piece length}, {@code pieces}, {@code private} ({@code 1}, only when set) and
 *       {@code source} (not written by libtorrent; mktorrent and qBittorrent put it here, which
 *       gives the torrent its own info-hash per tracker).</li>
 *   <li>Outside: {@code announce} (the first tracker), {@code announce-list} only when there is
 *       more than one tracker, {@code comment}, {@code created by}, {@code creation date},
 *       {@code info}, {@code url-list} (a string for one web seed, a list for several).</li>
 * </ul>
 * Keys are in canonical order ({@link BencodeWriter} enforces it). Stateless.
 */
final class MetainfoWriter {

    private MetainfoWriter() {
    }

    /**
     * @param settings     the creator's trackers, web seeds, texts and flags
     * @param name         the torrent's {@code name}
     * @param multiFile    whether to write a {@code files} list
     * @param layout       the files, padding included
     * @param pieces       the concatenated piece hashes (or zeros, for a draft of the same size)
     * @param creationDate seconds to write as {@code creation date}, or null for none
     */
    static byte[] write(TorrentCreator settings, String name, boolean multiFile, TorrentLayout layout, byte[] pieces,
            Instant creationDate) {
        BencodeWriter out = new BencodeWriter().beginDictionary();
        List<List<String>> tiers = settings.announceTiers();
        if (!tiers.isEmpty()) {
            out.key("announce").value(tiers.get(0).get(0));
            if (tiers.size() > 1 || tiers.get(0).size() > 1) {
                out.key("announce-list").beginList();
                for (List<String> tier : tiers) {
                    out.beginList();
                    tier.forEach(out::value);
                    out.end();
                }
                out.end();
            }
        }
        optionalText(out, "comment", settings.comment());
        optionalText(out, "created by", settings.createdBy());
        if (creationDate != null) {
            out.key("creation date").value(creationDate.getEpochSecond());
        }
        out.key("info");
        writeInfo(out, settings, name, multiFile, layout, pieces);
        List<String> webSeeds = settings.webSeeds();
        if (webSeeds.size() == 1) {
            out.key("url-list").value(webSeeds.get(0));
        } else if (webSeeds.size() > 1) {
            out.key("url-list").beginList();
            webSeeds.forEach(out::value);
            out.end();
        }
        return out.end().toByteArray();
    }

    private static void writeInfo(BencodeWriter out, TorrentCreator settings, String name, boolean multiFile,
            TorrentLayout layout, byte[] pieces) {
        out.beginDictionary();
        if (multiFile) {
            out.key("files").beginList();
            for (TorrentLayout.Entry entry : layout.entries()) {
                out.beginDictionary();
                String attributes = attributes(entry);
                if (!attributes.isEmpty()) {
                    out.key("attr").value(attributes);
                }
                out.key("length").value(entry.length());
                out.key("path").beginList();
                entry.path().forEach(out::value);
                out.end().end();
            }
            out.end();
        } else {
            TorrentLayout.Entry only = layout.entries().get(0);
            String attributes = attributes(only);
            if (!attributes.isEmpty()) {
                out.key("attr").value(attributes);
            }
            out.key("length").value(only.length());
        }
        out.key("name").value(name);
        out.key("piece length").value(layout.pieceLength());
        out.key("pieces").value(pieces);
        if (settings.isPrivate()) {
            out.key("private").value(1);
        }
        optionalText(out, "source", settings.sourceTag());
        out.end();
    }

    /** BEP 47 attribute letters in libtorrent's order. */
    private static String attributes(TorrentLayout.Entry entry) {
        return entry.padding() ? "p" : entry.executable() ? "x" : "";
    }

    private static void optionalText(BencodeWriter out, String key, String text) {
        if (!text.isEmpty()) {
            out.key(key).value(text);
        }
    }
}
