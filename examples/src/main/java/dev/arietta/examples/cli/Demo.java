package dev.arietta.examples.cli;

import dev.arietta.Option;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * {@code arietta --demo}: a download that needs no network. Two {@link RangeFileServer}s on
 * loopback ports play two mirrors of one {@value #FILE_SIZE_MIB} MiB file; the file is fetched
 * from both with 8 segments ({@code --split=8 --max-connection-per-server=4 --min-split-size=1M})
 * and its SHA-256 checked ({@code --checksum}), with the usual readout and results table.
 *
 * <p>The file goes to a temporary directory that is deleted afterwards, or to {@code -d DIR}
 * (kept). Other flags are passed on ({@code -q}, {@code --max-download-limit=2M}...) and win
 * over the demo's; URIs are refused. The mirrors pace each response to
 * {@value #PACE_BYTES_PER_SECOND} bytes/s so that the progress is visible for a few seconds.
 */
public final class Demo {

    /** Size of the demo file. */
    public static final int FILE_SIZE_MIB = 16;
    /** Path of the file on both mirrors. */
    public static final String FILE_PATH = "/arietta-demo.bin";
    /** Pace of each response body; 8 connections make about 8 MiB/s. */
    public static final long PACE_BYTES_PER_SECOND = 1L << 20;
    /** Seed of the file's pseudo-random content, so its checksum is the same on every run. */
    private static final long CONTENT_SEED = 0x61726965747461L;

    private Demo() {
    }

    /** The demo file's content: {@value #FILE_SIZE_MIB} MiB of seeded pseudo-random bytes. */
    public static byte[] content() {
        byte[] content = new byte[FILE_SIZE_MIB << 20];
        new SplittableRandom(CONTENT_SEED).nextBytes(content);
        return content;
    }

    /**
     * Runs the demo with the user's other arguments ({@code --demo} removed).
     *
     * @return the exit status
     */
    public static int run(List<String> userArguments, InputStream standardInput, PrintStream out, PrintStream err,
                          boolean terminal, LongSupplier nanoClock, Duration readoutInterval,
                          Interruption interruption) throws IOException {
        Invocation user = Invocation.parse(userArguments, standardInput);
        if (!user.downloads().isEmpty()) {
            err.println("arietta: --demo downloads its own file; remove the URIs " + user.downloads().get(0).uris());
            return dev.arietta.core.ErrorCode.UNKNOWN.code();
        }
        boolean keep = user.sessionOptions().isSet(Option.DIR);
        boolean quiet = user.sessionOptions().get(Option.QUIET);
        byte[] content = content();
        String sha256 = sha256(content);
        Path directory = keep ? user.sessionOptions().get(Option.DIR) : Files.createTempDirectory("arietta-demo");
        try (RangeFileServer first = RangeFileServer.start(Map.of(FILE_PATH, content), PACE_BYTES_PER_SECOND);
             RangeFileServer second = RangeFileServer.start(Map.of(FILE_PATH, content), PACE_BYTES_PER_SECOND)) {
            List<String> arguments = new ArrayList<>(List.of("--dir=" + directory, "--split=8",
                    "--max-connection-per-server=4", "--min-split-size=1M", "--checksum=sha-256=" + sha256,
                    "--allow-overwrite=true"));
            userArguments.stream().filter(argument -> !argument.equals("--")).forEach(arguments::add);
            arguments.add("--");
            arguments.add(first.uri(FILE_PATH).toString());
            arguments.add(second.uri(FILE_PATH).toString());
            if (!quiet) {
                out.println("Demo: " + FILE_SIZE_MIB + " MiB from 2 local mirrors, " + first.uri(FILE_PATH) + " and "
                        + second.uri(FILE_PATH) + ", 8 segments, SHA-256 " + sha256.substring(0, 16) + "...");
            }
            DownloadRun downloadRun = new DownloadRun(Invocation.parse(arguments, standardInput), out, terminal,
                    nanoClock, readoutInterval);
            interruption.onRequest(downloadRun::interrupt);
            int status = downloadRun.run();
            if (!quiet) {
                out.println("Demo: the mirrors served " + first.rangeRequests() + " and " + second.rangeRequests()
                        + " ranged requests.");
                out.println(status == 0
                        ? "Demo: checksum verified; " + (keep ? "file kept in " + directory
                                : "temporary directory " + directory + " removed.")
                        : "Demo: failed with exit status " + status + ".");
            }
            return status;
        } finally {
            if (!keep) {
                deleteTree(directory);
            }
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
