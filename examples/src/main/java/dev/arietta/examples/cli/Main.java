package dev.arietta.examples.cli;

import dev.arietta.OptionException;
import dev.arietta.core.ErrorCode;
import dev.arietta.internal.options.CommandLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * The {@code arietta} command: {@code java -jar arietta.jar [OPTIONS] URI...}, with aria2c's
 * flags and meanings ({@code --help} lists them), plus {@code --demo}.
 *
 * <p>Exit status as aria2c's: 0 when every download completed, else the error code of the last
 * download that failed ({@link ExitStatus}); 28 for a bad option; 1 when no URI is given, a URI
 * is refused or the input file cannot be read; 7 when interrupted (Ctrl-C) with downloads
 * unfinished.
 *
 * <p>Logging: Arietta logs through slf4j and this jar ships no slf4j provider, so slf4j 2 would
 * print a "No SLF4J providers were found" warning on the first log call. {@link #main} sets the
 * system property {@code slf4j.internal.verbosity} to {@code ERROR} (unless set on the command
 * line with {@code -D}), which silences slf4j's own warnings only; put a provider such as
 * {@code slf4j-simple} on the class path to see Arietta's log.
 */
public final class Main {

    /** aria2 redraws its readout every second. */
    static final Duration READOUT_INTERVAL = Duration.ofSeconds(1);
    private static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";
    /** How long Ctrl-C waits for the results table before the process exits anyway. */
    private static final long INTERRUPT_GRACE_MILLIS = 10_000;

    private Main() {
    }

    public static void main(String[] args) {
        if (System.getProperty(SLF4J_VERBOSITY) == null) {
            System.setProperty(SLF4J_VERBOSITY, "ERROR");
        }
        Interruption interruption = new Interruption();
        CompletableFuture<Integer> finished = new CompletableFuture<>();
        // Runs on System.exit and on a signal (Ctrl-C, SIGTERM). On a signal it stops the downloads and
        // waits for main to print the results; either way the process ends with main's status, not 143/130.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!finished.isDone()) {
                interruption.request();
            }
            int status = ErrorCode.IN_PROGRESS.code();
            try {
                status = finished.get(INTERRUPT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                // exit anyway with "unfinished": the signal asked for it
            }
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(status);
        }, "arietta-interrupt"));
        int status = run(List.of(args), System.in, System.out, System.err, System.console() != null, System::nanoTime,
                READOUT_INTERVAL, interruption);
        finished.complete(status);
        System.exit(status);
    }

    /**
     * Runs the command with {@code arguments} (after the program name) and returns the exit
     * status; never calls {@link System#exit}.
     *
     * @param terminal        whether {@code out} is a terminal (readout redrawn in place)
     * @param nanoClock       monotonic nanoseconds
     * @param readoutInterval time between progress readouts
     * @param interruption    requested to stop early; unfinished downloads then give exit status 7
     */
    public static int run(List<String> arguments, InputStream in, PrintStream out, PrintStream err, boolean terminal,
                          LongSupplier nanoClock, Duration readoutInterval, Interruption interruption) {
        try {
            Invocation invocation = Invocation.parse(arguments, in);
            if (invocation.helpRequested()) {
                String topic = invocation.helpTopic().orElse(null);
                out.print(CommandLine.help(topic));
                if (topic == null || topic.startsWith("#") || Invocation.DEMO_FLAG.contains(topic)) {
                    out.println();
                    out.println(String.format("%-30s%s", " --demo", "Download a file from two built-in local"
                            + " mirrors (no network needed)."));
                }
                return 0;
            }
            if (invocation.versionRequested()) {
                out.println("arietta " + version());
                return 0;
            }
            if (invocation.demo()) {
                List<String> rest = new ArrayList<>(arguments);
                rest.remove(Invocation.DEMO_FLAG);
                return Demo.run(rest, in, out, err, terminal, nanoClock, readoutInterval, interruption);
            }
            if (ShowFiles.applies(invocation)) {
                return ShowFiles.run(invocation, out, err);
            }
            if (invocation.downloads().isEmpty() && invocation.metalinks().isEmpty()) {
                err.println("arietta: specify at least one URI (or --input-file, --metalink-file, or --demo).");
                err.println("Usage: java -jar arietta.jar [OPTIONS] URI... ; see --help.");
                return ErrorCode.UNKNOWN.code();
            }
            DownloadRun downloadRun = new DownloadRun(invocation, out, terminal, nanoClock, readoutInterval);
            interruption.onRequest(downloadRun::interrupt);
            return downloadRun.run();
        } catch (OptionException e) {
            err.println("arietta: " + e.getMessage());
            err.println("See --help for the options.");
            return e.errorCode().code();
        } catch (IOException e) {
            err.println("arietta: " + e.getMessage());
            return ErrorCode.UNKNOWN.code();
        }
    }

    private static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }
}
