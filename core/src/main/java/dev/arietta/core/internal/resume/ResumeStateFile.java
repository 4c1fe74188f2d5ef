package dev.arietta.core.internal.resume;

import dev.arietta.core.internal.resume.ResumeStateException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resume state file of one download, {@code <name>.arietta} next to the download
 * ({@code <name>} being the file, or the top directory of a multi-file torrent), in the format
 * of {@link ResumeStateFormat}.
 *
 * <p><b>Saving</b> ({@link #save}) is crash-safe, in this order:
 * <ol>
 *   <li>the caller's {@link DataFlusher} makes the download's data durable; if it fails,
 *       nothing is written, so a state never claims bytes that a crash could lose;</li>
 *   <li>the state is written to {@code <name>.arietta.tmp} in the same directory and forced to
 *       disk ({@code FileChannel.force(true)});</li>
 *   <li>the temporary file is renamed over {@code <name>.arietta} with
 *       {@link StandardCopyOption#ATOMIC_MOVE}, so a reader sees the old state or the new one,
 *       never a mix;</li>
 *   <li>the directory is forced, so the rename itself survives a power loss. Opening a
 *       directory for reading and forcing it works on Linux and macOS; where the platform
 *       refuses (Windows throws on opening a directory), the failure is logged at debug level
 *       and ignored, since there the rename is already as durable as the platform allows.</li>
 * </ol>
 * A file system without atomic rename makes {@code save} fail with
 * {@link AtomicMoveNotSupportedException} rather than fall back to an unsafe copy.
 *
 * <p><b>Loading</b> ({@link #load}) validates the whole file and then the expectations: same
 * identity, same total length, same piece length. <b>Deleting</b> ({@link #delete}) happens
 * when the download completes.
 *
 * <p>Not safe for concurrent saves of the same download (they share the temporary file): the
 * engine saves one download's state from one task at a time. Different downloads' files are
 * independent.
 */
public final class ResumeStateFile {

    /** Appended to the download's name: {@code ".arietta"}. */
    public static final String SUFFIX = ".arietta";

    /** Appended to the state file's name for the temporary file: {@code ".tmp"}. */
    public static final String TEMPORARY_SUFFIX = ".tmp";

    private static final Logger LOG = LoggerFactory.getLogger(ResumeStateFile.class);

    private final Path path;
    private final Path temporaryPath;
    private final ResumeStateLimits limits;
    private final DirectoryForcer directoryForcer;

    /** Forces a directory's entries to disk; replaced in tests to simulate platforms that refuse. */
    @FunctionalInterface
    interface DirectoryForcer {
        void force(Path directory) throws IOException;
    }

    /** The state file of {@code download}, with {@link ResumeStateLimits#DEFAULTS}. */
    public ResumeStateFile(Path download) {
        this(download, ResumeStateLimits.DEFAULTS);
    }

    /**
     * @param download the download's file (or top directory)
     * @param limits   limits checked on load and save
     */
    public ResumeStateFile(Path download, ResumeStateLimits limits) {
        this(download, limits, ResumeStateFile::forceDirectory);
    }

    ResumeStateFile(Path download, ResumeStateLimits limits, DirectoryForcer directoryForcer) {
        this.path = pathFor(download);
        this.temporaryPath = path.resolveSibling(path.getFileName() + TEMPORARY_SUFFIX);
        this.limits = Objects.requireNonNull(limits, "limits");
        this.directoryForcer = Objects.requireNonNull(directoryForcer, "directoryForcer");
    }

    /** {@code <download>.arietta}, in the same directory as {@code download}. */
    public static Path pathFor(Path download) {
        Path name = download.getFileName();
        if (name == null) {
            throw new IllegalArgumentException("download path " + download + " has no file name");
        }
        return download.resolveSibling(name + SUFFIX);
    }

    /** The state file's path. */
    public Path path() {
        return path;
    }

    /**
     * Reads and validates the state file without checking it against a download (for tools, and
     * for a magnet download whose geometry is not yet known).
     *
     * @return the state, or empty if there is no state file
     * @throws ResumeStateException if the file is invalid
     * @throws IOException          if it cannot be read
     */
    public Optional<ResumeState> read() throws IOException {
        byte[] bytes;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > limits.maxFileBytes()) {
                throw new ResumeStateException(path, Reason.TOO_LARGE, "file of " + size + " bytes exceeds the largest valid state, "
                        + limits.maxFileBytes() + " bytes");
            }
            bytes = new byte[(int) size];
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, buffer.position()) < 0) {
                    throw new ResumeStateException(path, Reason.TRUNCATED, "file shrank to " + buffer.position()
                            + " bytes while being read");
                }
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(ResumeStateFormat.decode(bytes, path, limits));
    }

    /**
     * Reads the state file and checks that it belongs to this download.
     *
     * @param identity    the download's identity
     * @param pieceLength the download's piece length in bytes
     * @param totalLength the download's total length in bytes
     * @return the state, or empty if there is no state file
     * @throws ResumeStateException if the file is invalid, or its identity, total length or piece
     *                              length differ (the last with {@code PIECE_LENGTH_CHANGED}, error 10)
     * @throws IOException          if it cannot be read
     */
    public Optional<ResumeState> load(ResumeIdentity identity, int pieceLength, long totalLength) throws IOException {
        Optional<ResumeState> loaded = read();
        if (loaded.isEmpty()) {
            return loaded;
        }
        ResumeState state = loaded.get();
        if (!state.identity().equals(identity)) {
            throw new ResumeStateException(path, Reason.IDENTITY_MISMATCH, "state belongs to " + state.identity()
                    + ", not to " + identity);
        }
        if (state.totalLength() != totalLength) {
            throw new ResumeStateException(path, Reason.TOTAL_LENGTH_CHANGED, "state records a total length of "
                    + state.totalLength() + " bytes, the download has " + totalLength);
        }
        if (state.pieceLength() != pieceLength) {
            throw new ResumeStateException(path, Reason.PIECE_LENGTH_CHANGED, "state records a piece length of "
                    + state.pieceLength() + " bytes, the download has " + pieceLength);
        }
        return loaded;
    }

    /**
     * Makes the data durable with {@code flushFirst}, then writes {@code state} atomically (see
     * the class description). Blocking: run it on the disk executor.
     *
     * @param state      the snapshot to record
     * @param flushFirst flushes and forces the download's data; called before anything is written
     * @throws IllegalArgumentException if the state exceeds the limits
     * @throws IOException              if flushing, writing or renaming fails; the previous state
     *                                  file, if any, is then left as it was
     */
    public void save(ResumeState state, DataFlusher flushFirst) throws IOException {
        Objects.requireNonNull(flushFirst, "flushFirst");
        byte[] bytes = ResumeStateFormat.encode(state, limits);
        flushFirst.flush();
        try {
            try (FileChannel channel = FileChannel.open(temporaryPath, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporaryPath, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temporaryPath);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        Path directory = path.toAbsolutePath().getParent();
        try {
            directoryForcer.force(directory);
        } catch (IOException e) {
            LOG.debug("cannot force directory {} after renaming a resume state; relying on the rename alone",
                    directory, e);
        }
    }

    /** Removes the state file (and any leftover temporary file); called when the download completes. */
    public void delete() throws IOException {
        Files.deleteIfExists(path);
        Files.deleteIfExists(temporaryPath);
    }

    private static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
