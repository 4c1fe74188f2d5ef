package dev.arietta.internal.engine;

import dev.arietta.DownloadState;
import dev.arietta.Option;
import dev.arietta.Options;
import dev.arietta.core.ErrorCode;
import dev.arietta.internal.options.InputFileEntry;
import dev.arietta.internal.options.InputFileReader;
import dev.arietta.internal.options.InputFileWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * save-session and input-file, in aria2's format (URI lines, indented option lines), so aria2
 * users can move their sessions over. What is saved, as aria2: active, waiting and paused
 * downloads (paused ones with {@code pause=true}), downloads stopped by an error (except
 * "not found" ones when {@code save-not-found} is false), and completed or removed ones only
 * with {@code force-save}. Each entry carries the download's own options and its gid.
 */
final class SessionFiles {

    private SessionFiles() {
    }

    /** Loop thread. */
    static List<InputFileEntry> entries(DownloadQueue queue, Options global) {
        List<InputFileEntry> entries = new ArrayList<>();
        List<DownloadJob> unfinished = new ArrayList<>(queue.active());
        unfinished.addAll(queue.waiting());
        for (DownloadJob job : unfinished) {
            addEntry(entries, job);
        }
        boolean saveNotFound = global.get(Option.SAVE_NOT_FOUND);
        for (DownloadJob job : queue.stopped()) {
            boolean forced = job.effective().get(Option.FORCE_SAVE);
            boolean save = switch (job.state) {
                case ERROR -> saveNotFound || job.errorCode != ErrorCode.RESOURCE_NOT_FOUND
                        && job.errorCode != ErrorCode.MAX_FILE_NOT_FOUND;
                case COMPLETE, REMOVED -> forced;
                default -> false;
            };
            if (save) {
                addEntry(entries, job);
            }
        }
        return entries;
    }

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

    static List<InputFileEntry> read(Path file) throws IOException {
        return new InputFileReader().read(file);
    }
}
