package dev.arietta.examples.cli;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Renders aria2's end-of-run table, rows in the order the downloads stopped:
 * <pre>
 *
 * Download Results:
 * gid   |stat|avg speed  |path/URI
 * ======+====+===========+=======================================================
 * 2089b0|OK  |   112MiB/s|/downloads/file.iso
 * 7c0f3a|ERR |       n/a|http://example.org/missing
 *
 * Status Legend:
 * (OK):download completed.(ERR):error occurred.
 * </pre>
 * The legend lists, on one line as aria2 does, each status that occurs. No rows: the header
 * only. Lines end with {@code \n}. With a coloring {@link ConsoleStyle} the status is colored
 * as aria2 colors it; speeds are always abbreviated, as in aria2 ({@code human-readable} is
 * for the readout). Stateless and thread-safe.
 */
public final class ResultsTable {

    /** Width of the {@code path/URI} rule, as in aria2. */
    private static final int LOCATION_RULE_WIDTH = 55;

    private ResultsTable() {
    }

    /** The table for {@code rows}, starting with an empty line, without color. */
    public static String render(List<ResultRow> rows) {
        return render(rows, ConsoleStyle.PLAIN);
    }

    /** The table for {@code rows}, starting with an empty line, statuses colored as {@code style} says. */
    public static String render(List<ResultRow> rows, ConsoleStyle style) {
        StringBuilder text = new StringBuilder("\nDownload Results:\n")
                .append("gid   |stat|avg speed  |path/URI\n")
                .append("======+====+===========+").append("=".repeat(LOCATION_RULE_WIDTH)).append('\n');
        Set<ResultStatus> seen = EnumSet.noneOf(ResultStatus.class);
        for (ResultRow row : rows) {
            seen.add(row.status());
            text.append(String.format("%3s|", ConsoleUnits.abbreviateGid(row.gid()))).append(style.status(row.status()))
                    .append('|');
            if (row.averageSpeed() >= 0) {
                text.append(String.format("%8s", ConsoleUnits.abbreviate(row.averageSpeed()))).append("B/s");
            } else {
                text.append(String.format("%11s", "n/a"));
            }
            text.append('|').append(row.location()).append('\n');
        }
        if (!seen.isEmpty()) {
            text.append("\nStatus Legend:\n");
            for (ResultStatus status : seen) {
                text.append(status.legend());
            }
            text.append('\n');
        }
        return text.toString();
    }
}
