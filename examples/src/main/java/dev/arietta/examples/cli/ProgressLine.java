package dev.arietta.examples.cli;

import java.util.List;

/**
 * Renders aria2's one-line progress readout from fixed values, so that it can be tested with
 * golden strings:
 * <ul>
 *   <li>one active download:
 *       {@code [#2089b0 400MiB/1.0GiB(39%) CN:8 DL:112MiB ETA:5s]}, optionally with a bar of
 *       {@code barWidth} characters ({@code #} done, {@code -} to go) after the gid;</li>
 *   <li>several: {@code [DL:112MiB][#2089b0 400MiB/1.0GiB(39%)][#7c0f3a 0B/0B]...(+2)}, at most
 *       {@value #MAX_COMPACT_ENTRIES} downloads then the number of others, as aria2 does;</li>
 *   <li>none: the empty string.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class ProgressLine {

    /** Downloads shown in the several-downloads form before {@code (+N)}; aria2's number. */
    public static final int MAX_COMPACT_ENTRIES = 5;

    private ProgressLine() {
    }

    /**
     * The readout for the active downloads, in queue order.
     *
     * @param totalDownloadSpeed bytes per second over all downloads (shown in the several-downloads form)
     * @param totalUploadSpeed   bytes per second over all downloads, shown only when non-zero
     * @param barWidth           characters of the progress bar in the one-download form; 0 for none
     */
    public static String render(List<ProgressEntry> active, long totalDownloadSpeed, long totalUploadSpeed,
                                int barWidth) {
        if (active.isEmpty()) {
            return "";
        }
        if (active.size() == 1) {
            return single(active.get(0), barWidth);
        }
        StringBuilder line = new StringBuilder("[DL:").append(ConsoleUnits.abbreviate(totalDownloadSpeed)).append('B');
        if (totalUploadSpeed > 0) {
            line.append(" UL:").append(ConsoleUnits.abbreviate(totalUploadSpeed)).append('B');
        }
        line.append(']');
        int shown = Math.min(active.size(), MAX_COMPACT_ENTRIES);
        for (int i = 0; i < shown; i++) {
            ProgressEntry entry = active.get(i);
            line.append("[#").append(ConsoleUnits.abbreviateGid(entry.gid())).append(' ');
            appendSizes(line, entry);
            line.append(']');
        }
        if (shown < active.size()) {
            line.append("(+").append(active.size() - shown).append(')');
        }
        return line.toString();
    }

    private static String single(ProgressEntry entry, int barWidth) {
        StringBuilder line = new StringBuilder("[#").append(ConsoleUnits.abbreviateGid(entry.gid())).append(' ');
        if (barWidth > 0 && entry.totalLength() > 0) {
            int done = (int) Math.min(barWidth, (long) barWidth * entry.completedLength() / entry.totalLength());
            line.append("#".repeat(done)).append("-".repeat(barWidth - done)).append(' ');
        }
        appendSizes(line, entry);
        line.append(" CN:").append(entry.connections());
        if (!entry.isFinished()) {
            line.append(" DL:").append(ConsoleUnits.abbreviate(entry.downloadSpeed())).append('B');
        }
        if (entry.uploadLength() > 0) {
            line.append(" UL:").append(ConsoleUnits.abbreviate(entry.uploadSpeed())).append("B(")
                    .append(ConsoleUnits.abbreviate(entry.uploadLength())).append("B)");
        }
        long eta = entry.etaSeconds();
        if (eta > 0) {
            line.append(" ETA:").append(ConsoleUnits.duration(eta));
        }
        return line.append(']').toString();
    }

    private static void appendSizes(StringBuilder line, ProgressEntry entry) {
        line.append(ConsoleUnits.abbreviate(entry.completedLength())).append("B/")
                .append(ConsoleUnits.abbreviate(entry.totalLength())).append('B');
        int percent = entry.percent();
        if (percent >= 0) {
            line.append('(').append(percent).append("%)");
        }
    }
}
