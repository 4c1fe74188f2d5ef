package dev.arietta.examples;

import dev.arietta.DownloadHandle;
import dev.arietta.DownloadResult;
import dev.arietta.Session;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Downloads one URI into a directory and waits for it.
 *
 * <pre>java -cp arietta.jar dev.arietta.examples.SimpleDownload https://example.org/file.iso [DIR]</pre>
 */
public final class SimpleDownload {

    private SimpleDownload() {
    }

    /** Downloads {@code uri} into {@code directory} and returns how it ended. */
    public static DownloadResult download(String uri, Path directory) throws IOException {
        try (Session session = Session.builder().directory(directory).build()) {
            DownloadHandle handle = session.addUri(List.of(uri));
            return handle.completion().join();
        }
    }

    public static void main(String[] args) throws IOException {
        DownloadResult result = download(args[0], Path.of(args.length > 1 ? args[1] : "."));
        if (result.isSuccess()) {
            System.out.println("saved " + result.files().get(0) + " (" + result.totalLength() + " bytes)");
        } else {
            System.out.println("failed: " + result.errorCode() + ": " + result.errorMessage());
        }
        System.exit(result.errorCode().code());
    }
}
