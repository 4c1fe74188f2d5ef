package dev.arietta.examples.cli;

import dev.arietta.bittorrent.metainfo.TorrentFile;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A torrent as {@code aria2c -S} ({@code --show-files}) prints it, line for line:
 * <pre>
 * *** BitTorrent File Information ***
 * Comment: …               (when there is one)
 * Creation Date: Thu, 03 Dec 2026 14:14:52 GMT   (when not 0)
 * Created By: …            (when there is one)
 * Mode: single|multi
 * Announce:
 *  URL URL                 (one line per tier)
 * Info Hash: 40 hex digits
 * Piece Length: 16KiB
 * The Number of Pieces: 11
 * Total Length: 166KiB (170,038)
 * URL List:                (web seeds, when there are)
 *  URL
 * Name: …
 * Magnet URI: magnet:?xt=urn:btih:HEX&amp;dn=…&amp;tr=…
 * Files:
 * idx|path/length
 * ===+====…
 *   1|./name/path
 *    |97KiB (100,000)
 * ---+----…
 * </pre>
 * Sizes use aria2's short units ({@link ConsoleUnits#abbreviate}); the magnet link
 * percent-encodes every byte but RFC 3986's unreserved characters, as aria2 does; paths start
 * with {@code ./} (aria2 lists against its default directory whatever {@code --dir} says);
 * BEP 47 padding files are listed like other files, as aria2 1.36 does.
 *
 * <p>Known differences, for hostile torrents only: names and paths are shown as Arietta's parser
 * sanitized them (aria2 shows its own sanitizing), duplicate and empty tracker and web seed URLs
 * are dropped, and colliding paths are shown renamed ({@code name.1.ext}), as Arietta would save
 * them. Stateless.
 */
public final class TorrentListing {

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final String DOUBLE_RULE = "===+" + "=".repeat(75);
    private static final String SINGLE_RULE = "---+" + "-".repeat(75);

    private TorrentListing() {
    }

    /** The listing of {@code torrent}, lines ended by {@code \n}. */
    public static String format(TorrentMetainfo torrent) {
        StringBuilder out = new StringBuilder("*** BitTorrent File Information ***\n");
        torrent.comment().filter(text -> !text.isEmpty()).ifPresent(text -> line(out, "Comment: " + text));
        torrent.creationDate().filter(date -> date.getEpochSecond() != 0)
                .ifPresent(date -> line(out, "Creation Date: " + HTTP_DATE.format(date)));
        torrent.createdBy().filter(text -> !text.isEmpty()).ifPresent(text -> line(out, "Created By: " + text));
        line(out, "Mode: " + (torrent.isMultiFile() ? "multi" : "single"));
        line(out, "Announce:");
        for (List<String> tier : torrent.announceTiers()) {
            tier.forEach(url -> out.append(' ').append(url));
            out.append('\n');
        }
        line(out, "Info Hash: " + torrent.infoHash().hex());
        line(out, "Piece Length: " + ConsoleUnits.abbreviate(torrent.pieceLength()) + "B");
        line(out, "The Number of Pieces: " + torrent.pieceCount());
        line(out, "Total Length: " + size(torrent.totalLength()));
        if (!torrent.webSeeds().isEmpty()) {
            line(out, "URL List:");
            torrent.webSeeds().forEach(url -> line(out, " " + url));
        }
        line(out, "Name: " + torrent.name());
        line(out, "Magnet URI: " + magnet(torrent));
        List<String> paths = new ArrayList<>();
        List<Long> lengths = new ArrayList<>();
        for (TorrentFile file : torrent.files()) {
            paths.add("./" + (torrent.isMultiFile() ? torrent.name() + "/" + file.joinedPath() : file.joinedPath()));
            lengths.add(file.length());
        }
        appendFiles(out, paths, lengths);
        return out.toString();
    }

    /**
     * aria2's files table: {@code Files:}, the header, then each file's 1-based index and path
     * and, under it, its size; {@code paths} and {@code lengths} run in parallel.
     */
    static void appendFiles(StringBuilder out, List<String> paths, List<Long> lengths) {
        line(out, "Files:");
        line(out, "idx|path/length");
        line(out, DOUBLE_RULE);
        for (int i = 0; i < paths.size(); i++) {
            line(out, String.format(Locale.ROOT, "%3d|%s", i + 1, paths.get(i)));
            line(out, "   |" + size(lengths.get(i)));
            line(out, SINGLE_RULE);
        }
    }

    /** aria2's magnet link for a torrent: upper-case hex info-hash, name, every tracker in tier order. */
    public static String magnet(TorrentMetainfo torrent) {
        StringBuilder uri = new StringBuilder("magnet:?xt=urn:btih:")
                .append(torrent.infoHash().hex().toUpperCase(Locale.ROOT));
        uri.append("&dn=").append(percentEncode(torrent.name()));
        for (List<String> tier : torrent.announceTiers()) {
            for (String url : tier) {
                uri.append("&tr=").append(percentEncode(url));
            }
        }
        return uri.toString();
    }

    /** {@code 97KiB (100,000)}: the short form with {@code B}, then the exact count with thousands separators. */
    private static String size(long bytes) {
        return ConsoleUnits.abbreviate(bytes) + "B (" + String.format(Locale.ROOT, "%,d", bytes) + ")";
    }

    /** Every UTF-8 byte but RFC 3986's unreserved characters as {@code %XX}. */
    private static String percentEncode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xFF));
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String text) {
        out.append(text).append('\n');
    }
}
