package dev.arietta.bittorrent.metainfo;

import static dev.arietta.bittorrent.metainfo.BencodeFields.find;
import static dev.arietta.bittorrent.metainfo.BencodeFields.integer;
import static dev.arietta.bittorrent.metainfo.BencodeFields.items;
import static dev.arietta.bittorrent.metainfo.BencodeFields.optionalText;
import static dev.arietta.bittorrent.metainfo.BencodeFields.requireType;
import static dev.arietta.bittorrent.metainfo.BencodeFields.stringList;
import static dev.arietta.bittorrent.metainfo.BencodeFields.text;

import dev.arietta.bencode.BDocument;
import dev.arietta.bencode.BNode;
import dev.arietta.bencode.Bencode;
import dev.arietta.bencode.BencodeDecoder;
import dev.arietta.bencode.BencodeException;
import dev.arietta.bencode.BencodeMode;
import dev.arietta.core.ErrorCode;
import dev.arietta.core.internal.storage.PathSanitizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads BitTorrent v1 {@code .torrent} files into {@link TorrentMetainfo}.
 *
 * <p>What is read, and how (libtorrent's behaviour where aria2 and libtorrent differ, unless said):
 * <ul>
 *   <li>The info-hash is the SHA-1 of the {@code info} dictionary's bytes exactly as they appear,
 *       never re-encoded; dictionaries with unsorted keys are accepted (they exist in the wild)
 *       and hash as written.</li>
 *   <li>{@code name.utf-8} and {@code path.utf-8} are preferred over {@code name} and
 *       {@code path}; {@code comment.utf-8} over {@code comment}. Text is UTF-8 with malformed
 *       sequences replaced by U+FFFD.</li>
 *   <li>Names are sanitized with core's {@link PathSanitizer}, not refused: {@code ..},
 *       {@code .}, empty elements, absolute paths, drive letters, backslashes, control and bidi
 *       characters and over-long names are made safe. A {@code name} with nothing safe left
 *       becomes the info-hash in hex; a file {@code path} with nothing safe left becomes
 *       {@code _}. A {@code path} that is missing, not a list, empty or holds a non-string is
 *       refused: that is not a name but a broken torrent.</li>
 *   <li>Two files whose paths are equal ignoring case, or where one file's path is another's
 *       directory, would overwrite each other on some file system: the later one is renamed
 *       {@code stem.1.ext} ({@code .2}, …), as libtorrent does.</li>
 *   <li>BEP 47: {@code attr} letters {@code p} (padding), {@code x}, {@code h}, {@code l} with
 *       {@code symlink path} (sanitized, relative to the torrent's root; a link without a usable
 *       target is kept as a regular file). Unknown letters are ignored.</li>
 *   <li>{@code piece length}: any positive value up to {@link TorrentLimits#maxPieceLength()}.
 *       Like aria2 and libtorrent (for v1 torrents) a length that is not a power of two, or not
 *       a multiple of 16 KiB, is accepted: old torrents have them and the block scheduler copes
 *       with a short last block.</li>
 *   <li>{@code pieces} must hold exactly one 20-byte hash per piece of the total length; a
 *       torrent whose files hold no bytes at all is refused, there is nothing to download or
 *       verify.</li>
 *   <li>Trackers: {@code announce-list} tiers (BEP 12) when it has at least one URL, else
 *       {@code announce}. URLs are trimmed; empty ones, duplicates and malformed entries are
 *       dropped, as both aria2 and libtorrent do for these outer keys. Web seeds: {@code url-list}
 *       as a string or a list (BEP 19); {@code httpseeds} (BEP 17), also a string or a list. {@code private} is
 *       true for any non-zero integer.</li>
 *   <li>{@code creation date} outside the range of {@link Instant} is ignored.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe; one instance may parse many torrents concurrently.
 */
public final class TorrentParser {

    private final TorrentLimits limits;
    private final BencodeDecoder decoder;
    private final PathSanitizer sanitizer;

    /** A parser with {@link TorrentLimits#DEFAULT}. */
    public TorrentParser() {
        this(TorrentLimits.DEFAULT);
    }

    /** A parser that refuses torrents beyond {@code limits}. */
    public TorrentParser(TorrentLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.decoder = Bencode.decoder().mode(BencodeMode.LENIENT).maxDepth(limits.maxDecodeDepth())
                .maxTokens(limits.maxDecodeTokens()).maxInputLength(limits.maxTorrentBytes()).build();
        this.sanitizer = new PathSanitizer(limits.maxNameBytes());
    }

    /** The limits this parser holds torrents to. */
    public TorrentLimits limits() {
        return limits;
    }

    /**
     * Parses a torrent held in memory; {@code torrent} is not retained.
     *
     * @throws TorrentException if the bytes are not bencode (25) or not a usable torrent (26)
     */
    public TorrentMetainfo parse(byte[] torrent) throws TorrentException {
        if (torrent.length > limits.maxTorrentBytes()) {
            throw tooLarge(torrent.length);
        }
        BDocument document;
        try {
            document = decoder.decode(torrent);
        } catch (BencodeException e) {
            throw new TorrentException(ErrorCode.BENCODE_PARSE_ERROR, "bencode", -1, e.getMessage(), e);
        }
        return read(document.root());
    }

    /**
     * Reads and parses a {@code .torrent} file; the size limit is checked before reading.
     *
     * @throws TorrentException if the file is too large or not a usable torrent
     * @throws IOException      if the file cannot be read
     */
    public TorrentMetainfo parse(Path torrentFile) throws IOException {
        long size = Files.size(torrentFile);
        if (size > limits.maxTorrentBytes()) {
            throw tooLarge(size);
        }
        try (InputStream in = Files.newInputStream(torrentFile)) {
            // readNBytes bounds the read even if the file grew after the size check
            byte[] bytes = in.readNBytes(limits.maxTorrentBytes() + 1);
            return parse(bytes);
        }
    }

    private TorrentException tooLarge(long size) {
        return TorrentException.invalid("torrent", size + " bytes exceed the limit of " + limits.maxTorrentBytes());
    }

    private TorrentMetainfo read(BNode root) throws TorrentException {
        requireType(root, "torrent", "dictionary", -1);
        BNode info = find(root, "info");
        if (info == null) {
            throw TorrentException.invalid("info", "missing");
        }
        requireType(info, "info", "dictionary", -1);
        byte[] rawInfo = info.rawBytes();
        InfoHash infoHash = InfoHash.of(sha1(rawInfo));

        BNode pieceLengthNode = requireKey(info, "piece length", "integer");
        long pieceLength = integer(pieceLengthNode);
        if (pieceLength <= 0) {
            throw TorrentException.invalid("info.piece length", pieceLength + " is not positive");
        }
        if (pieceLength > limits.maxPieceLength()) {
            throw TorrentException.invalid("info.piece length", pieceLength + " exceeds the limit of "
                    + limits.maxPieceLength());
        }
        BNode piecesNode = requireKey(info, "pieces", "string");
        int piecesBytes = stringLength(piecesNode);
        if (piecesBytes % TorrentMetainfo.PIECE_HASH_LENGTH != 0) {
            throw TorrentException.invalid("info.pieces", piecesBytes + " bytes is not a multiple of 20");
        }
        int pieceCount = piecesBytes / TorrentMetainfo.PIECE_HASH_LENGTH;
        if (pieceCount > limits.maxPieces()) {
            throw TorrentException.invalid("info.pieces", pieceCount + " pieces exceed the limit of "
                    + limits.maxPieces());
        }

        String originalName = readName(info);
        String sanitizedName = sanitizer.sanitizeElement(originalName);
        String name = sanitizedName.isEmpty() ? infoHash.hex() : sanitizedName;
        BNode filesNode = find(info, "files");
        boolean multiFile = filesNode != null;
        List<TorrentFile> files;
        if (multiFile) {
            files = new FileListReader(limits, sanitizer).read(filesNode);
        } else {
            files = List.of(readSingleFile(info, name, originalName));
        }
        long totalLength = files.isEmpty() ? 0 : files.get(files.size() - 1).offset()
                + files.get(files.size() - 1).length();
        if (totalLength == 0) {
            throw TorrentException.invalid(multiFile ? "info.files" : "info.length",
                    "the files hold no data (total length 0)");
        }
        long expectedPieces = (totalLength - 1) / pieceLength + 1;
        if (expectedPieces != pieceCount) {
            throw TorrentException.invalid("info.pieces", pieceCount + " piece hashes, but " + totalLength
                    + " bytes in pieces of " + pieceLength + " need " + expectedPieces);
        }
        byte[] pieceHashes = new byte[piecesBytes];
        asBuffer(piecesNode).get(pieceHashes);

        BNode privateNode = find(info, "private");
        boolean privateTorrent = privateNode != null && privateNode.isInteger() && integer(privateNode) != 0;

        return new TorrentMetainfo(infoHash, name, originalName, (int) pieceLength, pieceHashes, files, multiFile,
                readAnnounceTiers(root), readSeeds(root, "url-list"), readSeeds(root, "httpseeds"), privateTorrent,
                Optional.ofNullable(preferUtf8(root, "comment")), Optional.ofNullable(optionalText(root, "created by")),
                readCreationDate(root), rawInfo);
    }

    /** The name as the torrent gives it ({@code name.utf-8} preferred), not sanitized. */
    private static String readName(BNode info) throws TorrentException {
        BNode nameNode = find(info, "name.utf-8");
        if (nameNode == null || !nameNode.isString()) {
            nameNode = find(info, "name");
        }
        if (nameNode == null) {
            throw TorrentException.invalid("info.name", "missing");
        }
        requireType(nameNode, "info.name", "string", -1);
        return text(nameNode);
    }

    private TorrentFile readSingleFile(BNode info, String name, String originalName) throws TorrentException {
        BNode lengthNode = requireKey(info, "length", "integer");
        long length = integer(lengthNode);
        if (length < 0) {
            throw TorrentException.invalid("info.length", length + " is negative");
        }
        String attributes = optionalText(info, "attr");
        boolean executable = attributes != null && attributes.indexOf('x') >= 0;
        boolean hidden = attributes != null && attributes.indexOf('h') >= 0;
        return new TorrentFile(List.of(name), length, 0, false, executable, hidden, List.of(), List.of(originalName));
    }

    private static BNode requireKey(BNode dictionary, String key, String type) throws TorrentException {
        BNode node = find(dictionary, key);
        if (node == null) {
            throw TorrentException.invalid("info." + key, "missing");
        }
        return requireType(node, "info." + key, type, -1);
    }

    private static List<List<String>> readAnnounceTiers(BNode root) {
        Set<String> seen = new LinkedHashSet<>();
        List<List<String>> tiers = new ArrayList<>();
        BNode announceList = find(root, "announce-list");
        if (announceList != null && announceList.isList()) {
            for (BNode tierNode : items(announceList)) {
                if (!tierNode.isList()) {
                    continue;
                }
                List<String> tier = new ArrayList<>();
                for (BNode urlNode : items(tierNode)) {
                    addUrl(urlNode, seen, tier);
                }
                if (!tier.isEmpty()) {
                    tiers.add(tier);
                }
            }
        }
        if (tiers.isEmpty()) {
            BNode announce = find(root, "announce");
            List<String> tier = new ArrayList<>(1);
            if (announce != null) {
                addUrl(announce, seen, tier);
            }
            if (!tier.isEmpty()) {
                tiers.add(tier);
            }
        }
        return tiers;
    }

    /** {@code url-list} or {@code httpseeds}: a string or a list of strings (libtorrent writes either form). */
    private static List<String> readSeeds(BNode root, String key) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> seeds = new ArrayList<>();
        BNode node = find(root, key);
        if (node != null && node.isString()) {
            addUrl(node, seen, seeds);
        } else if (node != null && node.isList()) {
            for (BNode url : items(node)) {
                addUrl(url, seen, seeds);
            }
        }
        return seeds;
    }

    private static void addUrl(BNode node, Set<String> seen, List<String> target) {
        if (!node.isString()) {
            return;
        }
        String url = text(node).strip();
        if (!url.isEmpty() && seen.add(url)) {
            target.add(url);
        }
    }

    private static String preferUtf8(BNode root, String key) {
        String utf8 = optionalText(root, key + ".utf-8");
        return utf8 != null ? utf8 : optionalText(root, key);
    }

    private static Optional<Instant> readCreationDate(BNode root) {
        BNode date = find(root, "creation date");
        if (date == null || !date.isInteger()) {
            return Optional.empty();
        }
        long seconds = integer(date);
        if (seconds < Instant.MIN.getEpochSecond() || seconds > Instant.MAX.getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochSecond(seconds));
    }

    private static int stringLength(BNode node) {
        try {
            return node.stringLength();
        } catch (BencodeException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ByteBuffer asBuffer(BNode node) {
        try {
            return node.asBuffer();
        } catch (BencodeException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha1(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
