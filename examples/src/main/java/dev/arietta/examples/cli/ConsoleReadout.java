package dev.arietta.examples.cli;

import java.io.PrintStream;
import java.util.Objects;

/**
 * Writes progress readouts to the console: on a terminal one line redrawn in place with
 * {@code \r} (padded with spaces over a longer previous line), otherwise each readout on a line
 * of its own so that logs and pipes get plain text. Color codes take no room on screen: the
 * padding counts visible characters only.
 *
 * <p>Not thread-safe: one thread (the CLI's main loop) owns it.
 */
public final class ConsoleReadout {

    private final PrintStream out;
    private final boolean terminal;
    private int shownWidth;

    /**
     * @param out      where to write; not closed here
     * @param terminal whether {@code out} is an interactive terminal ({@code System.console() != null})
     */
    public ConsoleReadout(PrintStream out, boolean terminal) {
        this.out = Objects.requireNonNull(out, "out");
        this.terminal = terminal;
    }

    /** Shows {@code line}, replacing the previous readout on a terminal; an empty line shows nothing. */
    public void show(String line) {
        if (line.isEmpty()) {
            return;
        }
        if (terminal) {
            int width = ConsoleStyle.visibleLength(line);
            out.print('\r' + line + " ".repeat(Math.max(0, shownWidth - width)));
            shownWidth = width;
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Removes the readout from a terminal line so that other output starts on a clean line. */
    public void clear() {
        if (terminal && shownWidth > 0) {
            out.print('\r' + " ".repeat(shownWidth) + '\r');
            out.flush();
            shownWidth = 0;
        }
    }

    /** Whether this readout redraws in place. */
    public boolean isTerminal() {
        return terminal;
    }
}
