package dev.arietta.examples.cli;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * aria2's download progress summary, printed every {@code summary-interval} seconds while
 * downloads are active:
 * <pre>
 *  *** Download Progress Summary as of Thu Dec  3 15:44:32 2026 ***
 * ===============================================================================
 * [#729059 512KiB/2.8MiB(17%) CN:1 DL:257KiB ETA:9s]
 * FILE: out/big.bin
 * -------------------------------------------------------------------------------
 *
 * </pre>
 * one readout line (the one-download form, without a bar) and the file of each active download.
 * Lines end with {@code \n}. Stateless and thread-safe.
 */
public final class ProgressSummary {

    /** Width of the rules, as aria2 draws them. */
    static final int RULE_WIDTH = 79;
    /** The date as C's {@code ctime} writes it, which aria2 uses. */
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US);

    /**
     * One active download in the summary.
     *
     * @param entry its progress
     * @param file  its file (the first, with {@code (N more)} for several), or its URI before the name is known
     */
    public record Item(ProgressEntry entry, String file) {

        public Item {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(file, "file");
        }
    }

    private ProgressSummary() {
    }

    /** The summary of {@code items} as of {@code now}; the empty string when none is active. */
    public static String render(List<Item> items, ZonedDateTime now, ConsoleStyle style) {
        if (items.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(" *** Download Progress Summary as of ").append(WHEN.format(now))
                .append(" *** \n").append("=".repeat(RULE_WIDTH)).append('\n');
        for (Item item : items) {
            text.append(ProgressLine.single(item.entry(), 0, style)).append('\n')
                    .append("FILE: ").append(item.file()).append('\n')
                    .append("-".repeat(RULE_WIDTH)).append('\n');
        }
        return text.append('\n').toString();
    }
}
