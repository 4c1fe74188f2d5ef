package dev.arietta.examples;

import dev.arietta.DownloadEvent;
import dev.arietta.DownloadHandle;
import dev.arietta.DownloadResult;
import dev.arietta.DownloadState;
import dev.arietta.DownloadStatus;
import dev.arietta.Session;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Starts a download, pauses it once some bytes are on disk, looks at its status, lets it go on
 * (it continues where it stopped) and waits for the end.
 *
 * <pre>java -cp arietta.jar dev.arietta.examples.PauseResume https://example.org/big.iso [DIR]</pre>
 */
public final class PauseResume {

    private PauseResume() {
    }

    /**
     * What was observed.
     *
     * @param whilePaused the status snapshot taken right after {@link DownloadHandle#pause()}
     * @param afterUnpause the state right after {@link DownloadHandle#unpause()}
     * @param result       how the download ended
     */
    public record Observation(DownloadStatus whilePaused, DownloadState afterUnpause, DownloadResult result) {
    }

    /** Downloads {@code uri} into {@code directory}, pausing and resuming it once; notes go to {@code log}. */
    public static Observation pauseAndResume(String uri, Path directory, PrintStream log) throws IOException {
        CompletableFuture<Void> someBytesOnDisk = new CompletableFuture<>();
        try (Session session = Session.builder()
                .directory(directory)
                .progressInterval(Duration.ofMillis(100))
                .listener((event, download) -> {
                    if (event != DownloadEvent.PROGRESS) {
                        log.println(event + " " + download.gid());
                    } else if (download.status().completedLength() > 0) {
                        someBytesOnDisk.complete(null);
                    }
                })
                .build()) {
            DownloadHandle handle = session.addUri(List.of(uri));
            someBytesOnDisk.join();
            handle.pause();
            DownloadStatus paused = handle.status();
            log.println("paused: " + paused.state() + ", " + paused.completedLength() + " bytes on disk");
            handle.unpause();
            DownloadState unpaused = handle.status().state();
            log.println("unpaused: " + unpaused);
            DownloadResult result = handle.completion().join();
            log.println("finished: " + result.state() + ", " + result.completedLength() + " bytes");
            return new Observation(paused, unpaused, result);
        }
    }

    public static void main(String[] args) throws IOException {
        Observation observation = pauseAndResume(args[0], Path.of(args.length > 1 ? args[1] : "."), System.out);
        System.exit(observation.result().errorCode().code());
    }
}
