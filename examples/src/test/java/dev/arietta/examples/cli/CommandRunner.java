package dev.arietta.examples.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Runs the {@code arietta} command in-process as the tests need it: no standard input, output
 * and errors captured (line ends as {@code \n}), readouts every 100 ms.
 */
final class CommandRunner {

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final Interruption interruption;

    CommandRunner() {
        this(new Interruption());
    }

    /** @param interruption what stops a run early (the tests' Ctrl-C) */
    CommandRunner(Interruption interruption) {
        this.interruption = interruption;
    }

    /** Runs with output that is not a terminal; returns the exit status. */
    int run(String... arguments) {
        return run(false, arguments);
    }

    int run(boolean terminal, String... arguments) {
        return Main.run(List.of(arguments), new ByteArrayInputStream(new byte[0]),
                new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8), terminal, System::nanoTime,
                Duration.ofMillis(100), interruption);
    }

    /** Everything printed to standard output so far. */
    String out() {
        return outBytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    /** Everything printed to standard error so far. */
    String err() {
        return errBytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    /** Forgets the output so far. */
    void reset() {
        outBytes.reset();
        errBytes.reset();
    }
}
