package dev.arietta.examples;

import dev.arietta.DownloadHandle;
import dev.arietta.DownloadResult;
import dev.arietta.Session;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Queues several downloads, at most two running at once ({@code max-concurrent-downloads}),
 * and prints every event a listener receives.
 *
 * <pre>java -cp arietta.jar dev.arietta.examples.QueueWithListener DIR URI URI URI...</pre>
 */
public final class QueueWithListener {

    private QueueWithListener() {
    }

    /** Downloads each URI as its own download into {@code directory}; events are printed to {@code log}. */
    public static List<DownloadResult> downloadAll(List<String> uris, Path directory, PrintStream log)
            throws IOException {
        try (Session session = Session.builder()
                .directory(directory)
                .option("max-concurrent-downloads", "2")
                .listener((event, download) -> log.println(event + " " + download.gid()))
                .build()) {
            List<DownloadHandle> handles = uris.stream().map(uri -> session.addUri(List.of(uri))).toList();
            return handles.stream().map(handle -> handle.completion().join()).toList();
        }
    }

    public static void main(String[] args) throws IOException {
        List<String> uris = Arrays.asList(args).subList(1, args.length);
        for (DownloadResult result : downloadAll(uris, Path.of(args[0]), System.out)) {
            System.out.println(result.gid() + " " + result.state() + " " + result.files());
        }
    }
}
