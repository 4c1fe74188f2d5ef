package dev.arietta.internal.engine;

import dev.arietta.DownloadState;
import dev.arietta.Option;
import dev.arietta.Options;
import dev.arietta.bittorrent.metainfo.TorrentParser;
import dev.arietta.core.ErrorCode;
import dev.arietta.core.internal.loop.Cancellable;
import dev.arietta.internal.options.InputFileEntry;
import dev.arietta.internal.options.InputFileReader;
import dev.arietta.internal.options.InputFileWriter;
import dev.arietta.metalink.MetalinkLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * save-session and input-file, in aria2's format (URI lines, indented option lines), so aria2
 * users can move their sessions over. What is saved, as aria2: active, waiting and paused
 * downloads (paused ones with {@code pause=true}), downloads stopped by an error (except
 * "not found" ones when {@code save-not-found} is false), and completed or removed ones only
 * with {@code force-save}. Each entry carries the download's own options and its gid.
 *
 * <p>The downloads of one Metalink are saved as aria2 saves them: one line naming the document
 * on disk ({@link MetalinkOrigin}), its options, and {@code select-file} listing the files to
 * save (a {@code metalink-base-uri} keeps relative URLs resolving as they did). Downloads of a
 * Metalink followed with {@code follow-metalink=mem} have no document on disk and are not saved.
 *
 * <p>When: on demand ({@link #save}), every {@code save-session-interval} seconds
 * ({@link #startSaving}) and when the session shuts down. {@link #restore} adds the downloads of
 * such a file ({@code input-file}).
 *
 * <p>Callable from any thread; the entries are taken on the loop and written on the disk executor.
 */
public final class SessionFiles {

    private final Engine engine;
    private final DownloadQueue queue;
    /** Loop thread: the next {@code save-session-interval} save, or null. */
    private Cancellable saveTimer;

    SessionFiles(Engine engine, DownloadQueue queue) {
        this.engine = engine;
        this.queue = queue;
    }

    /**
     * Writes the unfinished downloads to {@code file}; completes once written, exceptionally
     * with an {@link UncheckedIOException} if it cannot be.
     */
    public CompletableFuture<Void> save(Path file) {
        return engine.onLoop(this::entries).thenAcceptAsync(entries -> write(entries, file), engine.diskExecutor());
    }

    /**
     * Adds the downloads of {@code file}, an input file: URI lines, Metalink documents saved by
     * {@link #save}, .torrent files with their web seeds.
     *
     * @throws IOException if the file, or a document or torrent it names, cannot be read or is refused
     */
    public void restore(Path file) throws IOException {
        for (InputFileEntry entry : new InputFileReader().read(file)) {
            if (entry.isMetalinkFile()) {
                Path document = Path.of(entry.uris().get(0));
                engine.addMetalink(readMetalink(document), entry.options(), -1, document);
            } else if (entry.torrentFile().isPresent()) {
                Path torrent = entry.torrentFile().get();
                engine.addTorrent(new TorrentParser().parse(torrent), torrent.toAbsolutePath(), entry.otherUris(),
                        entry.options(), -1);
            } else {
                engine.add(entry.uris(), entry.options(), -1);
            }
        }
    }

    /** Saves the session every {@code save-session-interval} seconds, when both are set. */
    public void startSaving() {
        Options global = engine.globalOptions();
        long interval = global.get(Option.SAVE_SESSION_INTERVAL).toNanos();
        if (interval > 0 && global.get(Option.SAVE_SESSION) != null) {
            engine.loop().execute(() -> saveTimer = engine.loop().schedule(interval, () -> periodicSave(interval)));
        }
    }

    private void periodicSave(long interval) {
        Path file = engine.globalOptions().get(Option.SAVE_SESSION);
        if (engine.isClosed() || file == null) {
            return;
        }
        List<InputFileEntry> entries = entries();
        engine.diskExecutor().execute(() -> write(entries, file));
        saveTimer = engine.loop().schedule(interval, () -> periodicSave(interval));
    }

    /** Loop thread, at shutdown: no more periodic saves. */
    void stopSaving() {
        if (saveTimer != null) {
            saveTimer.cancel();
        }
    }

    /** Loop thread: the entries save-session writes now. */
    List<InputFileEntry> entries() {
        List<DownloadJob> saved = new ArrayList<>(queue.active());
        saved.addAll(queue.waiting());
        boolean saveNotFound = engine.globalOptions().get(Option.SAVE_NOT_FOUND);
        for (DownloadJob job : queue.stopped()) {
            boolean forced = job.effective().get(Option.FORCE_SAVE);
            boolean save = switch (job.state) {
                case ERROR -> saveNotFound || job.errorCode != ErrorCode.RESOURCE_NOT_FOUND
                        && job.errorCode != ErrorCode.MAX_FILE_NOT_FOUND;
                case COMPLETE, REMOVED -> forced;
                default -> false;
            };
            if (save) {
                saved.add(job);
            }
        }
        List<InputFileEntry> entries = new ArrayList<>();
        List<MetalinkOrigin> written = new ArrayList<>();
        for (DownloadJob job : saved) {
            MetalinkOrigin origin = job instanceof UriJob uriJob ? uriJob.origin : null;
            if (origin != null) {
                if (written.stream().noneMatch(known -> known == origin)) {
                    written.add(origin);
                    entries.add(metalinkEntry(origin, saved));
                }
            } else {
                addEntry(entries, job);
            }
        }
        return entries;
    }

    /** One line for the saved downloads of one Metalink: the document, {@code select-file} naming them. */
    private static InputFileEntry metalinkEntry(MetalinkOrigin origin, List<DownloadJob> saved) {
        List<UriJob> files = saved.stream().filter(job -> job instanceof UriJob uriJob && uriJob.origin == origin)
                .map(UriJob.class::cast).toList();
        Options.Builder options = origin.options().toBuilder().unset(Option.GID).set(Option.SELECT_FILE,
                String.join(",", files.stream().map(job -> String.valueOf(job.metalink.index())).toList()));
        if (origin.base() != null && !origin.options().isSet(Option.METALINK_BASE_URI)) {
            options.set(Option.METALINK_BASE_URI, origin.base().toString());
        }
        if (files.stream().allMatch(job -> job.state == DownloadState.PAUSED)) {
            options.set(Option.PAUSE, true);
        } else {
            options.unset(Option.PAUSE);
        }
        return new InputFileEntry(List.of(origin.document().toString()), options.build());
    }

    /**
     * Caller's thread: with save-session and rpc-save-upload-metadata set, saves a Metalink given
     * as bytes as {@code <dir>/<sha-1 hex>.meta4} (kept if already there) and returns its path;
     * else null.
     */
    static Path saveMetalink(byte[] document, Options effective) throws IOException {
        if (effective.get(Option.SAVE_SESSION) == null || !effective.get(Option.RPC_SAVE_UPLOAD_METADATA)) {
            return null;
        }
        Path directory = effective.get(Option.DIR);
        Path file;
        try {
            file = directory.resolve(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(document))
                    + ".meta4").toAbsolutePath();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the Java runtime has no SHA-1", e);
        }
        if (!Files.exists(file)) {
            Files.createDirectories(directory);
            Files.write(file, document);
        }
        return file;
    }

    /** A saved Metalink document, at most the parser's document limit (a longer one is refused when parsed). */
    private static byte[] readMetalink(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(MetalinkLimits.DEFAULT_MAX_DOCUMENT_BYTES + 1);
        }
    }

    /** The line of a download that {@link DownloadJob#sessionEntry()} can write back; nothing otherwise. */
    private static void addEntry(List<InputFileEntry> entries, DownloadJob job) {
        InputFileEntry source = job.sessionEntry();
        if (source == null) {
            return;
        }
        Options.Builder options = source.options().toBuilder().set(Option.GID, job.gidText);
        if (job.state == DownloadState.PAUSED) {
            options.set(Option.PAUSE, true);
        } else {
            options.unset(Option.PAUSE);
        }
        entries.add(new InputFileEntry(source.uris(), options.build()));
    }

    /** Disk executor; an I/O failure is rethrown unchecked to fail the caller's future. */
    static void write(List<InputFileEntry> entries, Path file) {
        try {
            InputFileWriter.save(entries, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save session to " + file + ": " + e.getMessage(), e);
        }
    }
}
