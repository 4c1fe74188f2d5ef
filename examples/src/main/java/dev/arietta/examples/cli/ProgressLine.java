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
 * A {@link ConsoleStyle} decides abbreviated or plain sizes ({@code human-readable}) and
 * colors ({@code enable-color} on a terminal). Stateless and thread-safe.
 */
public final class ProgressLine {

    /** Downloads shown in the several-downloads form before {@code (+N)}; aria2's number. */
    public static final int MAX_COMPACT_ENTRIES = 5;

    private ProgressLine() {
    }

    /** {@link #render(List, long, long, int, ConsoleStyle)} with abbreviated sizes and no color. */
    public static String render(List<ProgressEntry> active, long totalDownloadSpeed, long totalUploadSpeed,
                                int barWidth) {
        return render(active, totalDownloadSpeed, totalUploadSpeed, barWidth, ConsoleStyle.PLAIN);
    }

    /**
     * The readout for the active downloads, in queue order.
     *
     * @param totalDownloadSpeed bytes per second over all downloads (shown in the several-downloads form)
     * @param totalUploadSpeed   bytes per second over all downloads, shown only when non-zero
     * @param barWidth           characters of the progress bar in the one-download form; 0 for none
     * @param style              sizes and colors
     */
    public static String render(List<ProgressEntry> active, long totalDownloadSpeed, long totalUploadSpeed,
                                int barWidth, ConsoleStyle style) {
        if (active.isEmpty()) {
            return "";
        }
        if (active.size() == 1) {
            return single(active.get(0), barWidth, style);
        }
        StringBuilder line = new StringBuilder(open(style)).append("DL:")
                .append(style.paint(style.size(totalDownloadSpeed) + "B", ConsoleStyle.GREEN));
        if (totalUploadSpeed > 0) {
            line.append(" UL:").append(style.paint(style.size(totalUploadSpeed) + "B", ConsoleStyle.GREEN));
        }
        line.append(close(style));
        int shown = Math.min(active.size(), MAX_COMPACT_ENTRIES);
        for (int i = 0; i < shown; i++) {
            ProgressEntry entry = active.get(i);
            line.append(open(style)).append('#').append(ConsoleUnits.abbreviateGid(entry.gid())).append(' ');
            appendSizes(line, entry, style);
            line.append(close(style));
        }
        if (shown < active.size()) {
            line.append("(+").append(active.size() - shown).append(')');
        }
        return line.toString();
    }

    /** One download in the one-download form, without a bar: also the lines of the progress summary. */
    static String single(ProgressEntry entry, int barWidth, ConsoleStyle style) {
        StringBuilder line = new StringBuilder(open(style)).append('#')
                .append(ConsoleUnits.abbreviateGid(entry.gid())).append(' ');
        if (barWidth > 0 && entry.totalLength() > 0) {
            int done = (int) Math.min(barWidth, (long) barWidth * entry.completedLength() / entry.totalLength());
            line.append("#".repeat(done)).append("-".repeat(barWidth - done)).append(' ');
        }
        appendSizes(line, entry, style);
        line.append(" CN:").append(entry.connections());
        if (!entry.isFinished()) {
            line.append(" DL:").append(style.paint(style.size(entry.downloadSpeed()) + "B", ConsoleStyle.GREEN));
        }
        if (entry.uploadLength() > 0) {
            line.append(" UL:").append(style.paint(style.size(entry.uploadSpeed()) + "B", ConsoleStyle.GREEN))
                    .append('(').append(style.size(entry.uploadLength())).append("B)");
        }
        long eta = entry.etaSeconds();
        if (eta > 0) {
            line.append(" ETA:").append(style.paint(ConsoleUnits.duration(eta), ConsoleStyle.YELLOW));
        }
        return line.append(close(style)).toString();
    }

    private static String open(ConsoleStyle style) {
        return style.paint("[", ConsoleStyle.MAGENTA);
    }

    private static String close(ConsoleStyle style) {
        return style.paint("]", ConsoleStyle.MAGENTA);
    }

    private static void appendSizes(StringBuilder line, ProgressEntry entry, ConsoleStyle style) {
        line.append(style.size(entry.completedLength())).append("B/").append(style.size(entry.totalLength()))
                .append('B');
        int percent = entry.percent();
        if (percent >= 0) {
            line.append(style.paint("(" + percent + "%)", ConsoleStyle.CYAN));
        }
    }
}
