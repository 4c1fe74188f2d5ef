package dev.arietta.bittorrent.metainfo;

import dev.arietta.core.internal.hash.IntegrityCheckLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * Creates BitTorrent v1 {@code .torrent} files from a file or a directory.
 *
 * <pre>{@code
 * CreatedTorrent torrent = TorrentCreator.builder(Path.of("release"))
 *         .announceTier("https://tracker.example/announce")
 *         .webSeed("https://mirror.example/pub/")
 *         .comment("Release 1.0")
 *         .build()
 *         .create();
 * torrent.writeTo(Path.of("release.torrent"));
 * }</pre>
 *
 * <p><b>What goes in.</b> A regular file makes a single-file torrent named after it. A directory
 * makes a multi-file torrent named after it holding every regular file below it, in the order
 * libtorrent's {@code canonical_files} sorts them (path elements compared as UTF-8 bytes), with
 * empty files included. Symbolic links are followed when their target lies inside the directory
 * and skipped when it lies outside, when they point nowhere or to a directory containing them;
 * FIFOs, sockets and devices are skipped; hidden entries (a name starting with {@code .}, or
 * marked hidden by the file system) are included unless {@link HiddenFiles#SKIP}.
 * {@link CreatedTorrent#skipped()} lists what was left out. Names must survive a client's
 * path sanitizer unchanged and not collide ignoring case (else {@link
 * TorrentCreationException.Reason#BAD_NAME}), so that {@link TorrentParser} reads back exactly
 * the files on disk.
 *
 * <p><b>Piece length.</b> Given (a power of two, at least {@value #MIN_PIECE_LENGTH} bytes), or
 * chosen by {@link #autoPieceLength(long)}.
 *
 * <p><b>Hashing</b> runs on all cores: pieces are read and hashed in parallel on a hash executor
 * (by default a pool of {@link Builder#threads(int)} daemon threads made for the call), with at
 * most twice as many pieces in flight as threads, each read through one buffer of
 * {@link Builder#readBufferBytes(int)} bytes: memory does not grow with file or piece sizes.
 * Files are streamed, never loaded whole. A file whose size or modification time changes
 * between the listing and the end of hashing fails the creation
 * ({@link TorrentCreationException.Reason#CHANGED}).
 *
 * <p><b>Output</b> matches libtorrent's {@code create_torrent} for v1 torrents: for the same files,
 * piece length and padding mode the {@code info} dictionary is byte-identical, so the info-hash
 * is the same (see {@link Padding} for the matching libtorrent flags; the integration tests check
 * it against libtorrent 2.0). Differences: libtorrent's {@code v1_only} without
 * {@code canonical_files} keeps the order of its directory walk, which is the file system's;
 * Arietta always sorts. libtorrent (without its {@code symlinks} flag) follows every symbolic
 * link, also out of the directory, and marks followed links executable (it reads the link's own
 * mode); Arietta skips links that leave the directory and takes the target's mode. libtorrent
 * accepts any name; Arietta refuses names a client would rename. Arietta writes
 * {@code created by} by default, libtorrent only when set. The result is always read back with
 * {@link TorrentParser} under the builder's {@link TorrentLimits}, so what {@link #create()}
 * returns, this library also accepts.
 *
 * <p>Immutable and thread-safe; one creator may run several creations, each lists its source anew.
 */
public final class TorrentCreator {

    /** Smallest piece length: 16 KiB, the BitTorrent block size. */
    public static final int MIN_PIECE_LENGTH = 16 * 1024;
    /** Largest piece length {@link #autoPieceLength(long)} chooses: 16 MiB. */
    public static final int MAX_AUTO_PIECE_LENGTH = 16 * 1024 * 1024;
    /** {@link #autoPieceLength(long)} aims for at most this many pieces: 2048. */
    public static final int AUTO_TARGET_PIECES = 2048;
    /** Default {@code created by}: {@value}. */
    public static final String DEFAULT_CREATED_BY = "Arietta";
    /** Default size of each hashing read buffer: 256 KiB. */
    public static final int DEFAULT_READ_BUFFER_BYTES = IntegrityCheckLimits.DEFAULT_READ_BUFFER_BYTES;

    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^\\s\\p{Cntrl}]+");

    /**
     * BEP 47 padding files, which make files start on piece boundaries (so a client can fetch or
     * deduplicate one file without its neighbours' pieces). Padding files are zeros, named
     * {@code .pad/<length>} with attribute {@code p}, as libtorrent writes them; a single-file
     * torrent is never padded.
     */
    public enum Padding {
        /** No padding files; libtorrent's default for v1 torrents ({@code v1_only}). */
        NONE,
        /**
         * A padding file before every non-empty file that would start mid-piece: libtorrent's
         * {@code v1_only | canonical_files_no_tail_padding}.
         */
        BETWEEN_FILES,
        /**
         * A padding file after every file that ends mid-piece, the last one included, so the
         * total is a whole number of pieces: libtorrent's {@code v1_only | canonical_files}, the
         * layout of its v2 and hybrid torrents.
         */
        AFTER_EVERY_FILE
    }

    /** What to do with hidden files and directories below a source directory. */
    public enum HiddenFiles {
        /** Put them in the torrent, as libtorrent does. */
        INCLUDE,
        /** Leave them out (and do not descend into hidden directories). */
        SKIP
    }

    /**
     * Told about hashing progress after each piece, on the creation's coordinating thread (never
     * two calls at once, counts only growing). It must return quickly; an exception it throws
     * stops the creation and becomes its failure.
     */
    @FunctionalInterface
    public interface Progress {

        /**
         * @param hashedPieces pieces hashed so far
         * @param pieceCount   pieces in the torrent
         * @param hashedBytes  bytes hashed so far, padding included
         * @param totalBytes   bytes in the torrent, padding included
         */
        void piecesHashed(int hashedPieces, int pieceCount, long hashedBytes, long totalBytes);
    }

    private final Path source;
    private final int pieceLength;
    private final List<List<String>> announceTiers;
    private final List<String> webSeeds;
    private final boolean privateTorrent;
    private final String comment;
    private final String createdBy;
    private final boolean hasCreationDate;
    private final Instant creationDate;
    private final String sourceTag;
    private final Padding padding;
    private final HiddenFiles hiddenFiles;
    private final boolean fileAttributes;
    private final TorrentLimits limits;
    private final int threads;
    private final Executor hashExecutor;
    private final int readBufferBytes;
    private final Progress progress;

    private TorrentCreator(Builder builder) {
        this.source = builder.source;
        this.pieceLength = builder.pieceLength;
        this.announceTiers = builder.announceTiers.stream().map(List::copyOf).toList();
        this.webSeeds = List.copyOf(builder.webSeeds);
        this.privateTorrent = builder.privateTorrent;
        this.comment = builder.comment;
        this.createdBy = builder.createdBy;
        this.hasCreationDate = builder.hasCreationDate;
        this.creationDate = builder.creationDate;
        this.sourceTag = builder.sourceTag;
        this.padding = builder.padding;
        this.hiddenFiles = builder.hiddenFiles;
        this.fileAttributes = builder.fileAttributes;
        this.limits = builder.limits;
        this.threads = builder.threads;
        this.hashExecutor = builder.hashExecutor;
        this.readBufferBytes = builder.readBufferBytes;
        this.progress = builder.progress;
    }

    /** A builder for a torrent of {@code source}, a regular file or a directory (checked when creating). */
    public static Builder builder(Path source) {
        return new Builder(source);
    }

    /**
     * The piece length chosen when none is given: the smallest power of two from
     * {@value #MIN_PIECE_LENGTH} bytes to {@value #MAX_AUTO_PIECE_LENGTH} bytes that cuts
     * {@code totalLength} into at most {@value #AUTO_TARGET_PIECES} pieces, so a torrent has
     * between 1024 and 2048 pieces unless it is under 32 MiB (16 KiB pieces, fewer of them) or
     * over 32 GiB (16 MiB pieces, more of them): libtorrent's old rule of thumb of about 40 KiB of
     * piece hashes. libtorrent 2.0 instead grows the piece count with the square root of the size
     * (256 KiB pieces up to 687 MB, 512 KiB up to 2.7 GB, 1 MiB up to 11 GB): it picks longer
     * pieces for small torrents and shorter ones for large torrents. Both give 256 KiB from just
     * over 256 MiB to 512 MiB, for example; for 4 GiB this rule gives 2 MiB, libtorrent 1 MiB.
     * Give the piece length explicitly to reproduce a libtorrent torrent.
     *
     * @param totalLength bytes in the torrent, padding excluded
     */
    public static int autoPieceLength(long totalLength) {
        int length = MIN_PIECE_LENGTH;
        while (length < MAX_AUTO_PIECE_LENGTH && (totalLength + length - 1) / length > AUTO_TARGET_PIECES) {
            length <<= 1;
        }
        return length;
    }

    /**
     * Lists the source, hashes it and returns the torrent; blocks until done. Interrupting the
     * calling thread cancels the creation.
     *
     * @throws TorrentCreationException if the source cannot make a torrent (no data, unreadable,
     *                                  bad names, changed while hashed, over a limit)
     * @throws IOException              for another I/O failure
     * @throws InterruptedException     if the thread was interrupted; the creation is cancelled
     */
    public CreatedTorrent create() throws IOException, InterruptedException {
        CompletableFuture<CreatedTorrent> running = createAsync();
        try {
            return running.get();
        } catch (InterruptedException e) {
            running.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException("torrent creation failed: " + cause, cause);
        }
    }

    /**
     * Starts creating the torrent on background threads. The future completes with the torrent,
     * or exceptionally with a {@link TorrentCreationException} or another {@link IOException};
     * {@link CompletableFuture#cancel(boolean) cancelling} it stops the listing or the hashing
     * within one read buffer and releases every thread and file the creation holds.
     */
    public CompletableFuture<CreatedTorrent> createAsync() {
        return new CreationJob(this).start();
    }

    Path source() {
        return source;
    }

    /** The given piece length, or 0 for {@link #autoPieceLength(long)}. */
    int pieceLength() {
        return pieceLength;
    }

    List<List<String>> announceTiers() {
        return announceTiers;
    }

    List<String> webSeeds() {
        return webSeeds;
    }

    boolean isPrivate() {
        return privateTorrent;
    }

    /** Empty when none. */
    String comment() {
        return comment;
    }

    /** Empty when none. */
    String createdBy() {
        return createdBy;
    }

    /** The creation date to write for a creation starting at {@code now}, or null for none. */
    Instant creationDate(Instant now) {
        if (!hasCreationDate) {
            return null;
        }
        return creationDate != null ? creationDate : Instant.ofEpochSecond(now.getEpochSecond());
    }

    /** The {@code source} tag, empty when none. */
    String sourceTag() {
        return sourceTag;
    }

    Padding padding() {
        return padding;
    }

    boolean skipHidden() {
        return hiddenFiles == HiddenFiles.SKIP;
    }

    boolean fileAttributes() {
        return fileAttributes;
    }

    TorrentLimits limits() {
        return limits;
    }

    int threads() {
        return threads;
    }

    /** The caller's hash executor, or null to make a pool for each creation. */
    Executor hashExecutor() {
        return hashExecutor;
    }

    int readBufferBytes() {
        return readBufferBytes;
    }

    Progress progress() {
        return progress;
    }

    /**
     * Settings of a {@link TorrentCreator}; each setter states its default. Not thread-safe;
     * {@link #build()} checks the settings against each other and copies them.
     */
    public static final class Builder {

        private final Path source;
        private int pieceLength;
        private final List<List<String>> announceTiers = new ArrayList<>();
        private final List<String> webSeeds = new ArrayList<>();
        private boolean privateTorrent;
        private String comment = "";
        private String createdBy = DEFAULT_CREATED_BY;
        private boolean hasCreationDate = true;
        private Instant creationDate;
        private String sourceTag = "";
        private Padding padding = Padding.NONE;
        private HiddenFiles hiddenFiles = HiddenFiles.INCLUDE;
        private boolean fileAttributes = true;
        private TorrentLimits limits = TorrentLimits.DEFAULT;
        private int threads = Runtime.getRuntime().availableProcessors();
        private Executor hashExecutor;
        private int readBufferBytes = DEFAULT_READ_BUFFER_BYTES;
        private Progress progress = (hashedPieces, pieceCount, hashedBytes, totalBytes) -> { };

        private Builder(Path source) {
            this.source = Objects.requireNonNull(source, "source");
        }

        /**
         * Bytes per piece: a power of two of at least {@value #MIN_PIECE_LENGTH} and at most
         * {@link TorrentLimits#maxPieceLength()}, or 0 (the default) for
         * {@link TorrentCreator#autoPieceLength(long)}.
         *
         * @throws IllegalArgumentException if not 0 and not such a power of two
         */
        public Builder pieceLength(int bytes) {
            if (bytes != 0 && (bytes < MIN_PIECE_LENGTH || Integer.bitCount(bytes) != 1)) {
                throw new IllegalArgumentException("piece length must be a power of two of at least "
                        + MIN_PIECE_LENGTH + " bytes (or 0 for automatic), got " + bytes);
            }
            this.pieceLength = bytes;
            return this;
        }

        /**
         * Adds a BEP 12 tier of tracker URLs (tried in shuffled order by clients, before the next
         * tier). The first URL of the first tier is also written as {@code announce}. Default: no
         * trackers (a trackerless torrent, for DHT or direct peers).
         *
         * @throws IllegalArgumentException if the tier is empty, a URL is not {@code scheme://…}
         *                                  without spaces, or a URL is already given
         */
        public Builder announceTier(List<String> urls) {
            if (urls.isEmpty()) {
                throw new IllegalArgumentException("a tracker tier needs at least one URL");
            }
            Set<String> known = new HashSet<>();
            announceTiers.forEach(known::addAll);
            for (String url : urls) {
                requireUrl(url, "tracker");
                if (!known.add(url)) {
                    throw new IllegalArgumentException("tracker " + url + " is given twice");
                }
            }
            announceTiers.add(List.copyOf(urls));
            return this;
        }

        /** {@link #announceTier(List)} of the given URLs. */
        public Builder announceTier(String... urls) {
            return announceTier(List.of(urls));
        }

        /**
         * Adds a BEP 19 web seed ({@code url-list}): a URL serving the file, or for a multi-file
         * torrent a directory URL ending in {@code /} under which clients append the torrent's
         * name and each file's path. Default: none.
         *
         * @throws IllegalArgumentException if the URL is not {@code scheme://…} without spaces or
         *                                  is already given
         */
        public Builder webSeed(String url) {
            requireUrl(url, "web seed");
            if (webSeeds.contains(url)) {
                throw new IllegalArgumentException("web seed " + url + " is given twice");
            }
            webSeeds.add(url);
            return this;
        }

        /** BEP 27 {@code private=1}: clients get peers from the trackers only. Default false. */
        public Builder privateTorrent(boolean value) {
            this.privateTorrent = value;
            return this;
        }

        /** The {@code comment}; empty (the default) writes none. */
        public Builder comment(String text) {
            this.comment = Objects.requireNonNull(text, "text");
            return this;
        }

        /** The {@code created by}; default {@value #DEFAULT_CREATED_BY}; empty writes none. */
        public Builder createdBy(String text) {
            this.createdBy = Objects.requireNonNull(text, "text");
            return this;
        }

        /**
         * The {@code creation date}, whole seconds (fractions are dropped); set it for
         * reproducible output. Default: the time the creation starts.
         */
        public Builder creationDate(Instant date) {
            this.creationDate = Instant.ofEpochSecond(Objects.requireNonNull(date, "date").getEpochSecond());
            this.hasCreationDate = true;
            return this;
        }

        /** Writes no {@code creation date} at all. */
        public Builder withoutCreationDate() {
            this.creationDate = null;
            this.hasCreationDate = false;
            return this;
        }

        /**
         * The {@code source} key inside {@code info}, which private trackers use to give a
         * torrent its own info-hash per site (mktorrent's {@code -s}); empty (the default) writes none.
         */
        public Builder source(String tag) {
            this.sourceTag = Objects.requireNonNull(tag, "tag");
            return this;
        }

        /** BEP 47 padding files; default {@link Padding#NONE}. */
        public Builder padding(Padding value) {
            this.padding = Objects.requireNonNull(value, "value");
            return this;
        }

        /** Hidden files and directories; default {@link HiddenFiles#INCLUDE}, as libtorrent. */
        public Builder hiddenFiles(HiddenFiles value) {
            this.hiddenFiles = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * Whether to write BEP 47 attribute {@code x} for files their owner may execute, as
         * libtorrent does (its {@code no_attributes} flag turns it off). Default true.
         */
        public Builder fileAttributes(boolean value) {
            this.fileAttributes = value;
            return this;
        }

        /**
         * Bounds for the listing and the result: files (every directory entry looked at counts,
         * so a huge tree stops early), path depth, name length, pieces, piece length and the
         * size of the {@code .torrent}. Default {@link TorrentLimits#DEFAULT}, what
         * {@link TorrentParser} accepts by default.
         */
        public Builder limits(TorrentLimits value) {
            this.limits = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * Hashing parallelism: the size of the pool made for each creation, and half the pieces
         * kept in flight on a caller's {@link #hashExecutor(Executor)}. Default: the number of
         * available processors.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder threads(int count) {
            if (count <= 0) {
                throw new IllegalArgumentException("thread count must be positive, got " + count);
            }
            this.threads = count;
            return this;
        }

        /**
         * Hashes on this executor (a session's hash executor, say) instead of a pool made for
         * each creation; it must run tasks in parallel for parallel hashing and is not shut
         * down. Default: none.
         */
        public Builder hashExecutor(Executor executor) {
            this.hashExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Size in bytes of each read buffer; a piece longer than this is read and hashed in
         * steps. Memory held is about this times twice {@link #threads(int)}. Default
         * {@value #DEFAULT_READ_BUFFER_BYTES}.
         *
         * @throws IllegalArgumentException if below 4096
         */
        public Builder readBufferBytes(int bytes) {
            if (bytes < 4096) {
                throw new IllegalArgumentException("read buffer must be at least 4096 bytes, got " + bytes);
            }
            this.readBufferBytes = bytes;
            return this;
        }

        /** Told about hashing progress; see {@link Progress}. Default: nothing. */
        public Builder progress(Progress listener) {
            this.progress = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * @throws IllegalArgumentException if the piece length exceeds
         *                                  {@link TorrentLimits#maxPieceLength()} of the limits
         */
        public TorrentCreator build() {
            if (pieceLength > limits.maxPieceLength()) {
                throw new IllegalArgumentException("piece length " + pieceLength + " exceeds the limit of "
                        + limits.maxPieceLength() + " (TorrentLimits.maxPieceLength)");
            }
            return new TorrentCreator(this);
        }

        private static void requireUrl(String url, String what) {
            Objects.requireNonNull(url, what);
            if (!URL.matcher(url).matches()) {
                throw new IllegalArgumentException(what + " URL must be scheme://... without spaces, got \""
                        + url + "\"");
            }
        }
    }
}
