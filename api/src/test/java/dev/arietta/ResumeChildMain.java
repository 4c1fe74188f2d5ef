package dev.arietta;

import java.nio.file.Path;
import java.util.List;

/**
 * A child JVM for the crash test: downloads one URI into a directory with four connections
 * and exits 0 on success, 1 on failure. Killed with {@code destroyForcibly} mid-download by
 * {@link CrashResumeTest}, then started again.
 */
public final class ResumeChildMain {

    private ResumeChildMain() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        String uri = args[1];
        try (Session session = Session.builder().directory(directory).build()) {
            DownloadResult result = session.addUri(List.of(uri), Options.of("split", "4",
                    "max-connection-per-server", "4", "min-split-size", "1M", "file-allocation", "trunc"))
                    .completion().get();
            System.out.println(result);
            System.exit(result.isSuccess() ? 0 : 1);
        }
    }
}
