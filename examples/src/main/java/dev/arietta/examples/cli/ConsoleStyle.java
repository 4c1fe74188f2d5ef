package dev.arietta.examples.cli;

/**
 * How the console shows sizes and whether it colors them, as aria2 does:
 * {@code human-readable} (sizes and speeds as {@code 1.2Mi}, else plain byte counts such as
 * {@code 1258291}) and {@code enable-color} (ANSI colors, used only on a terminal). The colors
 * are aria2's: a readout's brackets magenta, its percentage cyan, speeds green and the ETA
 * yellow; {@code NOTICE} bold green, {@code WARN} bold yellow and {@code ERROR} bold red; in the
 * results table {@code OK} bold green, {@code ERR} bold red, {@code INPR} bold blue and
 * {@code RM} bold. Immutable and thread-safe.
 *
 * @param humanReadable whether sizes are abbreviated ({@link ConsoleUnits#abbreviate})
 * @param color         whether text is colored
 */
public record ConsoleStyle(boolean humanReadable, boolean color) {

    /** Abbreviated sizes, no color: the readout off a terminal with aria2's defaults. */
    public static final ConsoleStyle PLAIN = new ConsoleStyle(true, false);

    static final String MAGENTA = "35";
    static final String CYAN = "36";
    static final String GREEN = "32";
    static final String YELLOW = "33";
    static final String BOLD = "1";
    static final String BOLD_GREEN = "1;32";
    static final String BOLD_YELLOW = "1;33";
    static final String BOLD_RED = "1;31";
    static final String BOLD_BLUE = "1;34";

    private static final String ESCAPE = "\u001b[";
    private static final String RESET = ESCAPE + "0m";

    /**
     * The style for the command's options: colors only when {@code enableColor} and the output
     * is a terminal, as aria2 decides.
     */
    public static ConsoleStyle of(boolean humanReadable, boolean enableColor, boolean terminal) {
        return new ConsoleStyle(humanReadable, enableColor && terminal);
    }

    /** A byte count or speed without its {@code B}: abbreviated, or the plain number (negative as 0). */
    public String size(long bytes) {
        return humanReadable ? ConsoleUnits.abbreviate(bytes) : Long.toString(Math.max(0, bytes));
    }

    /** {@code text} in the color of the SGR {@code code} (such as {@value #GREEN}), or as it is. */
    public String paint(String text, String code) {
        return color ? ESCAPE + code + "m" + text + RESET : text;
    }

    /** A log level label ({@code NOTICE}, {@code WARN}, {@code ERROR}) in its color. */
    public String level(String label) {
        return switch (label) {
            case "NOTICE" -> paint(label, BOLD_GREEN);
            case "WARN" -> paint(label, BOLD_YELLOW);
            case "ERROR" -> paint(label, BOLD_RED);
            default -> label;
        };
    }

    /** A results-table status, padded to aria2's four columns, in its color. */
    public String status(ResultStatus status) {
        String name = status.name();
        String padding = " ".repeat(Math.max(0, 4 - name.length()));
        return switch (status) {
            case OK -> paint(name, BOLD_GREEN) + padding;
            case ERR -> paint(name, BOLD_RED) + padding;
            case INPR -> paint(name, BOLD_BLUE) + padding;
            case RM -> paint(name, BOLD) + padding;
        };
    }

    /** The number of characters {@code text} takes on screen: without its color codes. */
    public static int visibleLength(String text) {
        return text.replaceAll("\u001b\\[[0-9;]*m", "").length();
    }
}
