package dev.arietta.internal.engine;

import dev.arietta.core.ErrorCode;
import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.core.internal.resume.ResumeState;
import dev.arietta.core.internal.resume.ResumeStateException;
import dev.arietta.core.internal.resume.ResumeStateFile;
import dev.arietta.core.internal.storage.AllocationMode;
import dev.arietta.core.internal.storage.ExistingFilePolicy;
import dev.arietta.core.internal.storage.FileEntry;
import dev.arietta.core.internal.storage.FileLayout;
import dev.arietta.core.internal.storage.PathSanitizer;
import dev.arietta.core.internal.storage.Storage;
import dev.arietta.core.internal.storage.StorageException;
import dev.arietta.core.internal.storage.TargetFile;
import dev.arietta.core.internal.storage.TargetFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One download's file on disk: choosing the final path, the existing-file policy, resume
 * state, storage, writes. Every method blocks and runs on the download's serial disk queue,
 * so writes come after preparation and the state is saved after the writes it claims.
 *
 * <p>Resume rules (aria2's, with Arietta's crash-safe state file):
 * <ul>
 *   <li>With a {@code <file>.arietta} state of the same length and piece length, the file is
 *       continued and its recorded pieces are not fetched again.</li>
 *   <li>A state of another total length means the remote file changed: the file is ours, so
 *       it is downloaded again from scratch in place. A different piece length fails with
 *       {@link ErrorCode#PIECE_LENGTH_CHANGED} unless {@code allow-piece-length-change}.</li>
 *   <li>Without a state but with {@code continue}, an existing file's bytes
 *       {@code [0, size)} count as done (aria2's behaviour for a file another program left);
 *       the rest is split among connections as usual.</li>
 *   <li>With {@code check-integrity} and a {@code checksum}, an existing file of the right
 *       length without state is hashed first (on the hash executor): a match completes the
 *       download without fetching anything, a mismatch downloads it again in place.</li>
 *   <li>Otherwise an existing file goes through {@link ExistingFilePolicy}: error 13, or
 *       overwritten ({@code allow-overwrite}), or renamed ({@code auto-file-renaming}).</li>
 * </ul>
 */
final class DiskFile {

    private static final Logger LOG = LoggerFactory.getLogger(DiskFile.class);

    /**
     * Layout length used while the total length is unknown (chunked responses): 1 PiB. With
     * allocation off the file grows only as bytes are written, so this only bounds offsets.
     */
    static final long UNKNOWN_LENGTH_CAPACITY = 1L << 50;

    private final PathSanitizer sanitizer = new PathSanitizer();
    /** Volatile: hash threads read pieces back through it while the disk queue owns it. */
    private volatile Storage storage;
    /** The whole content, for a file kept in memory only ({@code follow-metalink=mem}), else null. */
    private volatile MemoryContent memory;
    private Path path;
    private ResumeStateFile resumeFile;

    /** The outcome of {@code check-integrity} on an existing file without resume state. */
    enum Integrity {
        /** Not checked (no checksum, no such file, resume state present, or option off). */
        UNCHECKED,
        /** The whole file matches the checksum: nothing to download. */
        COMPLETE,
        /** The file is ours to check but does not match: download it again in place. */
        MISMATCH
    }

    /** What {@link #prepare} needs to know. */
    record Request(Path directory, String relativeName, long totalLength, int pieceLength, String identityUri,
                   boolean allowOverwrite, boolean autoRename, boolean continueFile, boolean removeControlFile,
                   boolean allowPieceLengthChange, AllocationMode allocation, long noAllocationLimit,
                   long cacheBytes, Integrity integrity) {

        Request withIntegrity(Integrity value) {
            return new Request(directory, relativeName, totalLength, pieceLength, identityUri, allowOverwrite,
                    autoRename, continueFile, removeControlFile, allowPieceLengthChange, allocation,
                    noAllocationLimit, cacheBytes, value);
        }
    }

    /**
     * The existing file {@code check-integrity} should hash, or null: a regular file of the
     * download's length at the wanted path, without resume state.
     */
    Path integrityCandidate(Request request) throws IOException {
        if (request.totalLength() < 0) {
            return null;
        }
        Path wanted = sanitizer.resolveUnder(request.directory(), request.relativeName());
        boolean candidate = Files.isRegularFile(wanted, LinkOption.NOFOLLOW_LINKS)
                && Files.size(wanted) == request.totalLength()
                && !Files.exists(ResumeStateFile.pathFor(wanted), LinkOption.NOFOLLOW_LINKS);
        return candidate ? wanted : null;
    }

    /**
     * The existing file a piece-by-piece {@code hash-check-only} reads, or null: a regular file
     * at the wanted path no longer than the download (a shorter one lacks its last pieces).
     * Resume state does not matter: the check only reads.
     */
    Path pieceCheckCandidate(Request request) throws IOException {
        if (request.totalLength() < 0) {
            return null;
        }
        Path wanted = sanitizer.resolveUnder(request.directory(), request.relativeName());
        boolean candidate = Files.isRegularFile(wanted, LinkOption.NOFOLLOW_LINKS)
                && Files.size(wanted) <= request.totalLength();
        return candidate ? wanted : null;
    }

    /**
     * Where {@code relativeName} would be saved under {@code directory}, before any renaming
     * (aria2's {@code dry-run} shows it); null when the name cannot be saved there.
     */
    static Path plannedPath(Path directory, String relativeName) {
        try {
            return new PathSanitizer().resolveUnder(directory, relativeName).toAbsolutePath();
        } catch (IOException | RuntimeException unusable) {
            LOG.debug("dry-run: {} has no path under {}: {}", relativeName, directory, unusable.getMessage());
            return null;
        }
    }

    /** A regular file found on disk: its path, size in bytes and modification time. */
    record Existing(Path path, long size, Instant modified) {
    }

    /**
     * The regular file {@code relativeName} under {@code directory} when it exists without
     * resume state (so it is not a download of ours in progress), else null; also null when
     * the name is unusable or cannot be looked at. For aria2's {@code conditional-get}; blocks.
     */
    static Existing unclaimed(Path directory, String relativeName) {
        try {
            Path path = new PathSanitizer().resolveUnder(directory, relativeName);
            if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
                    || Files.exists(ResumeStateFile.pathFor(path), LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return new Existing(path, attributes.size(), attributes.lastModifiedTime().toInstant());
        } catch (IOException | RuntimeException unusable) {
            LOG.debug("conditional-get: cannot look at {} in {}: {}", relativeName, directory, unusable.getMessage());
            return null;
        }
    }

    /**
     * The result of {@link #prepare}: the final path (null in memory) and the ranges already
     * on disk, which {@code fromResumeState} says came from a resume state (pieces that were
     * verified when it was saved) rather than from a file found there.
     */
    record Prepared(Path path, List<long[]> doneRanges, boolean fromResumeState) {
    }

    /** The final path, once prepared. */
    Path path() {
        return path;
    }

    Prepared prepare(Request request) throws IOException {
        Path wanted = sanitizer.resolveUnder(request.directory(), request.relativeName());
        ResumeStateFile stateFile = new ResumeStateFile(wanted);
        if (request.removeControlFile()) {
            stateFile.delete();
        }
        boolean known = request.totalLength() >= 0;
        List<long[]> done = new ArrayList<>();
        boolean ours = false;
        boolean resumed = false;
        if (known) {
            Optional<ResumeState> state;
            try {
                state = stateFile.read();
            } catch (ResumeStateException corrupt) {
                // A torn or foreign state cannot be trusted, but the data is ours: start over in place.
                LOG.warn("ignoring unusable resume state: {}", corrupt.getMessage());
                state = Optional.empty();
                ours = true;
            }
            if (state.isPresent()) {
                ours = true;
                ResumeState resume = state.get();
                if (resume.totalLength() != request.totalLength()) {
                    LOG.info("{}: resume state records {} bytes, the source has {}; downloading again",
                            wanted, resume.totalLength(), request.totalLength());
                } else if (resume.pieceLength() != request.pieceLength()) {
                    if (!request.allowPieceLengthChange()) {
                        throw new StorageException(ErrorCode.PIECE_LENGTH_CHANGED, stateFile.path(),
                                "resume state has piece length " + resume.pieceLength() + ", the download "
                                        + request.pieceLength() + " (allow-piece-length-change is off)", null);
                    }
                } else {
                    done = pieceRanges(resume.verifiedPieces(), resume.pieceLength(), resume.totalLength());
                    resumed = true;
                }
            } else if (!ours && request.continueFile() && Files.isRegularFile(wanted, LinkOption.NOFOLLOW_LINKS)) {
                ours = true;
                long existing = Math.min(Files.size(wanted), request.totalLength());
                if (existing > 0) {
                    done.add(new long[] {0, existing});
                }
            }
        }
        if (request.integrity() == Integrity.COMPLETE) {
            ours = true;
            resumed = false;
            done.clear();
            if (request.totalLength() > 0) {
                done.add(new long[] {0, request.totalLength()});
            }
        } else if (request.integrity() == Integrity.MISMATCH) {
            ours = true;
            done.clear();
        }
        long layoutLength = known ? request.totalLength() : UNKNOWN_LENGTH_CAPACITY;
        FileLayout layout = FileLayout.of(request.pieceLength(), FileEntry.of(request.relativeName(), layoutLength));
        ExistingFilePolicy policy = ExistingFilePolicy.builder().allowOverwrite(request.allowOverwrite())
                .autoRename(request.autoRename()).build();
        List<TargetFile> targets = TargetFiles.prepare(request.directory(), layout, sanitizer, policy, ours);
        AllocationMode mode = !known || request.totalLength() < request.noAllocationLimit()
                ? AllocationMode.NONE : request.allocation();
        Storage opened = Storage.builder(layout, targets).allocationMode(mode).cacheBytes(request.cacheBytes()).build();
        try {
            opened.allocate();
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
        storage = opened;
        path = targets.get(0).path();
        resumeFile = new ResumeStateFile(path);
        return new Prepared(path, done, resumed);
    }

    /**
     * Keeps the file in memory instead (a Metalink followed with {@code follow-metalink=mem}):
     * nothing is written to disk, no resume state is kept.
     *
     * @param totalLength the length, or -1 when unknown
     * @param maxBytes    the most bytes the content may take
     * @throws StorageException {@link ErrorCode#METALINK_PARSE_ERROR} if the length is over {@code maxBytes}
     */
    Prepared prepareInMemory(long totalLength, int maxBytes) throws StorageException {
        if (totalLength > maxBytes) {
            throw new StorageException(ErrorCode.METALINK_PARSE_ERROR, null, "a Metalink of " + totalLength
                    + " bytes is over the " + maxBytes + "-byte limit of a Metalink document", null);
        }
        memory = new MemoryContent(totalLength < 0 ? 0 : (int) totalLength, maxBytes);
        return new Prepared(null, List.of(), false);
    }

    /** Whether the file is kept in memory (any thread). */
    boolean inMemory() {
        return memory != null;
    }

    /** A copy of the content of a file kept in memory, or null for a file on disk. Disk queue, or once finished. */
    byte[] memoryContent() {
        return memory == null ? null : memory.bytes();
    }

    /**
     * Reads {@code into.remaining()} bytes at {@code offset} back (through the write cache), to
     * verify a piece. May be called on a hash thread while the disk queue writes elsewhere.
     *
     * @throws StorageException if the file is closed or the read fails
     */
    void read(long offset, ByteBuffer into) throws StorageException {
        Storage current = storage;
        if (current == null) {
            throw new StorageException(ErrorCode.FILE_IO_ERROR, path, "file closed", null);
        }
        current.read(offset, into);
    }

    /** The byte ranges of the set pieces, merged. */
    private static List<long[]> pieceRanges(Bitfield pieces, long pieceLength, long totalLength) {
        List<long[]> ranges = new ArrayList<>();
        for (int piece = pieces.nextSetBit(0); piece >= 0; piece = pieces.nextSetBit(piece + 1)) {
            long start = piece * pieceLength;
            long end = Math.min(start + pieceLength, totalLength);
            if (!ranges.isEmpty() && ranges.get(ranges.size() - 1)[1] == start) {
                ranges.get(ranges.size() - 1)[1] = end;
            } else {
                ranges.add(new long[] {start, end});
            }
        }
        return ranges;
    }

    /** Writes {@code buffer} (position to limit) at {@code offset}. */
    void write(long offset, ByteBuffer buffer) throws IOException {
        if (memory != null) {
            memory.write(offset, buffer);
            return;
        }
        if (storage == null) {
            throw new StorageException(ErrorCode.FILE_IO_ERROR, path, "file not prepared", null);
        }
        storage.write(offset, buffer);
    }

    /** Flushes and forces the data, then writes {@code state} atomically. */
    void saveState(ResumeState state) throws IOException {
        if (storage != null && resumeFile != null) {
            resumeFile.save(state, storage::sync);
        }
    }

    /** Flushes and closes the file (a stop); the resume state stays. */
    void close() throws IOException {
        if (storage != null) {
            Storage closing = storage;
            storage = null;
            closing.sync();
            closing.close();
        }
    }

    /** Closes the finished file and deletes its resume state. */
    void finish() throws IOException {
        close();
        if (resumeFile != null) {
            resumeFile.delete();
        }
    }

    /** A file's content in memory, growing up to a bound. */
    private static final class MemoryContent {
        private final int maxBytes;
        private byte[] content;
        private int length;

        MemoryContent(int initial, int maxBytes) {
            this.maxBytes = maxBytes;
            this.content = new byte[Math.max(initial, 1024)];
        }

        void write(long offset, ByteBuffer buffer) throws StorageException {
            long end = offset + buffer.remaining();
            if (end > maxBytes) {
                throw new StorageException(ErrorCode.METALINK_PARSE_ERROR, null, "the Metalink grows past the "
                        + maxBytes + "-byte limit of a Metalink document", null);
            }
            if (end > content.length) {
                content = java.util.Arrays.copyOf(content, (int) Math.min(maxBytes, Math.max(end, 2L * content.length)));
            }
            buffer.get(content, (int) offset, buffer.remaining());
            length = (int) Math.max(length, end);
        }

        byte[] bytes() {
            return java.util.Arrays.copyOf(content, length);
        }
    }
}
