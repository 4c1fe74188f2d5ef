package dev.arietta.bittorrent.metainfo;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed BitTorrent v1 torrent: the {@code info} dictionary's content plus the outer keys a
 * client uses (trackers, web seeds, comment). Immutable and thread-safe.
 *
 * <p>Instances come from the metainfo parser, from torrent creation, or — in tests — from
 * the constructor. The constructor checks internal consistency (piece count against total
 * length and piece hashes, file offsets contiguous) and throws
 * {@link IllegalArgumentException} on misuse; untrusted bytes must go through the parser,
 * which reports hostile input with a typed error instead.
 */
public final class TorrentMetainfo {

    /** Length of one piece hash (SHA-1) in bytes. */
    public static final int PIECE_HASH_LENGTH = 20;

    private final InfoHash infoHash;
    private final String name;
    private final String originalName;
    private final int pieceLength;
    private final byte[] pieceHashes;
    private final List<TorrentFile> files;
    private final boolean multiFile;
    private final long totalLength;
    private final List<List<String>> announceTiers;
    private final List<String> webSeeds;
    private final List<String> httpSeeds;
    private final boolean privateTorrent;
    private final Optional<String> comment;
    private final Optional<String> createdBy;
    private final Optional<Instant> creationDate;
    private final byte[] rawInfo;

    /**
     * @param infoHash      SHA-1 of {@code rawInfo}
     * @param name          the sanitized {@code name} (directory of a multi-file torrent)
     * @param pieceLength   bytes per piece, except the last
     * @param pieceHashes   the concatenated 20-byte SHA-1 hashes, one per piece; copied
     * @param files         the files in torrent order, offsets contiguous from 0
     * @param multiFile     whether the info dictionary had a {@code files} list
     * @param announceTiers BEP 12 tiers (a single {@code announce} is one tier of one URL)
     * @param webSeeds      BEP 19 {@code url-list}
     * @param httpSeeds     BEP 17 {@code httpseeds}
     * @param privateTorrent BEP 27 {@code private=1}
     * @param rawInfo       the bencoded {@code info} dictionary exactly as in the torrent; copied
     * @throws IllegalArgumentException if the parts disagree with each other
     */
    public TorrentMetainfo(InfoHash infoHash, String name, int pieceLength, byte[] pieceHashes,
            List<TorrentFile> files, boolean multiFile, List<List<String>> announceTiers, List<String> webSeeds,
            List<String> httpSeeds, boolean privateTorrent, Optional<String> comment, Optional<String> createdBy,
            Optional<Instant> creationDate, byte[] rawInfo) {
        this(infoHash, name, name, pieceLength, pieceHashes, files, multiFile, announceTiers, webSeeds, httpSeeds,
                privateTorrent, comment, createdBy, creationDate, rawInfo);
    }

    /**
     * As above, for a torrent whose {@code name} needed sanitizing.
     *
     * @param originalName the {@code name} exactly as the torrent gives it (decoded text), what
     *                     BEP 19 web seeds serve the torrent under
     */
    public TorrentMetainfo(InfoHash infoHash, String name, String originalName, int pieceLength, byte[] pieceHashes,
            List<TorrentFile> files, boolean multiFile, List<List<String>> announceTiers, List<String> webSeeds,
            List<String> httpSeeds, boolean privateTorrent, Optional<String> comment, Optional<String> createdBy,
            Optional<Instant> creationDate, byte[] rawInfo) {
        this.infoHash = Objects.requireNonNull(infoHash, "infoHash");
        this.name = Objects.requireNonNull(name, "name");
        this.originalName = Objects.requireNonNull(originalName, "originalName");
        this.files = List.copyOf(files);
        this.multiFile = multiFile;
        this.announceTiers = announceTiers.stream().map(List::copyOf).toList();
        this.webSeeds = List.copyOf(webSeeds);
        this.httpSeeds = List.copyOf(httpSeeds);
        this.privateTorrent = privateTorrent;
        this.comment = Objects.requireNonNull(comment, "comment");
        this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
        this.creationDate = Objects.requireNonNull(creationDate, "creationDate");
        this.rawInfo = rawInfo.clone();
        if (pieceLength <= 0) {
            throw new IllegalArgumentException("piece length " + pieceLength + " is not positive");
        }
        this.pieceLength = pieceLength;
        if (this.files.isEmpty()) {
            throw new IllegalArgumentException("a torrent needs at least one file");
        }
        long offset = 0;
        for (TorrentFile file : this.files) {
            if (file.offset() != offset) {
                throw new IllegalArgumentException("file " + file.joinedPath() + " starts at " + file.offset()
                        + ", expected " + offset);
            }
            offset = Math.addExact(offset, file.length());
        }
        this.totalLength = offset;
        long pieces = (totalLength + pieceLength - 1) / pieceLength;
        if (pieceHashes.length != pieces * PIECE_HASH_LENGTH) {
            throw new IllegalArgumentException(pieces + " pieces need " + pieces * PIECE_HASH_LENGTH
                    + " hash bytes, not " + pieceHashes.length);
        }
        this.pieceHashes = pieceHashes.clone();
    }

    /** The v1 info-hash: the SHA-1 of the {@code info} dictionary's raw bytes as they stand in the file. */
    public InfoHash infoHash() {
        return infoHash;
    }

    /** The torrent's name: the file name of a single-file torrent, the directory of a multi-file one. */
    public String name() {
        return name;
    }

    /**
     * The {@code name} exactly as the torrent gives it, before sanitizing: the first path element
     * of every file on a BEP 19 web seed. Never a path on disk; {@link #name()} is.
     */
    public String originalName() {
        return originalName;
    }

    /** Bytes per piece; the last piece may be shorter. */
    public int pieceLength() {
        return pieceLength;
    }

    /** Number of pieces (20-byte hashes in {@code pieces}); the last may be shorter than {@link #pieceLength()}. */
    public int pieceCount() {
        return pieceHashes.length / PIECE_HASH_LENGTH;
    }

    /** Length of piece {@code piece} in bytes. */
    public int pieceSize(int piece) {
        Objects.checkIndex(piece, pieceCount());
        long start = (long) piece * pieceLength;
        return (int) Math.min(pieceLength, totalLength - start);
    }

    /** Copies the 20-byte SHA-1 of {@code piece} into {@code target} at {@code offset}, without allocating. */
    public void copyPieceHash(int piece, byte[] target, int offset) {
        Objects.checkIndex(piece, pieceCount());
        System.arraycopy(pieceHashes, piece * PIECE_HASH_LENGTH, target, offset, PIECE_HASH_LENGTH);
    }

    /** A copy of the 20-byte SHA-1 of {@code piece}. */
    public byte[] pieceHash(int piece) {
        byte[] hash = new byte[PIECE_HASH_LENGTH];
        copyPieceHash(piece, hash, 0);
        return hash;
    }

    /** The files in torrent order, padding files included. */
    public List<TorrentFile> files() {
        return files;
    }

    /** Whether the {@code info} dictionary has a {@code files} list (files under the directory {@link #name()}). */
    public boolean isMultiFile() {
        return multiFile;
    }

    /** Sum of all file lengths, padding included. */
    public long totalLength() {
        return totalLength;
    }

    /** BEP 12 tiers in torrent order, each tier's URLs in torrent order (shuffling is the tracker manager's job). */
    public List<List<String>> announceTiers() {
        return announceTiers;
    }

    /** BEP 19 web seeds ({@code url-list}). */
    public List<String> webSeeds() {
        return webSeeds;
    }

    /** BEP 17 HTTP seeds ({@code httpseeds}). */
    public List<String> httpSeeds() {
        return httpSeeds;
    }

    /** BEP 27: peers only from the torrent's trackers; no DHT, PEX or LSD. */
    public boolean isPrivate() {
        return privateTorrent;
    }

    /** The {@code comment} ({@code comment.utf-8} preferred), if any. */
    public Optional<String> comment() {
        return comment;
    }

    /** The {@code created by} program, if any. */
    public Optional<String> createdBy() {
        return createdBy;
    }

    /** The {@code creation date} (seconds since the epoch in the file), if any. */
    public Optional<Instant> creationDate() {
        return creationDate;
    }

    /** A copy of the bencoded {@code info} dictionary (what BEP 9 serves as metadata). */
    public byte[] rawInfo() {
        return rawInfo.clone();
    }

    /** Length in bytes of the bencoded {@code info} dictionary (BEP 9's {@code metadata_size}), without copying it. */
    public int rawInfoLength() {
        return rawInfo.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TorrentMetainfo that && infoHash.equals(that.infoHash)
                && Arrays.equals(rawInfo, that.rawInfo) && announceTiers.equals(that.announceTiers)
                && webSeeds.equals(that.webSeeds) && httpSeeds.equals(that.httpSeeds) && comment.equals(that.comment)
                && createdBy.equals(that.createdBy) && creationDate.equals(that.creationDate);
    }

    @Override
    public int hashCode() {
        return infoHash.hashCode();
    }

    @Override
    public String toString() {
        return "TorrentMetainfo[" + name + ", " + infoHash.hex() + ", " + pieceCount() + " pieces of " + pieceLength
                + ", " + files.size() + " files]";
    }
}
