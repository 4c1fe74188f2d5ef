package dev.arietta.examples.cli;

import java.util.Objects;

/**
 * What the progress readout shows of one active download, taken from one status snapshot.
 * Immutable.
 *
 * @param gid             the download's 16-hex-digit id (the readout shows the first 6)
 * @param totalLength     bytes in all files, -1 while unknown
 * @param completedLength bytes on disk
 * @param downloadSpeed   bytes per second
 * @param uploadLength    bytes uploaded in this session (BitTorrent; 0 for HTTP/FTP)
 * @param uploadSpeed     bytes per second
 * @param connections     open connections
 */
public record ProgressEntry(String gid, long totalLength, long completedLength, long downloadSpeed,
                            long uploadLength, long uploadSpeed, int connections) {

    public ProgressEntry {
        Objects.requireNonNull(gid, "gid");
    }

    /** Whether every byte is on disk (the readout then drops {@code DL:} and {@code ETA:}). */
    public boolean isFinished() {
        return totalLength >= 0 && completedLength >= totalLength;
    }

    /** Whole percent done, or -1 while the length is unknown or zero. */
    public int percent() {
        return totalLength > 0 ? (int) (100 * completedLength / totalLength) : -1;
    }

    /** Seconds left at the current speed, or 0 when it cannot be told (aria2 then prints no ETA). */
    public long etaSeconds() {
        if (totalLength <= 0 || downloadSpeed <= 0) {
            return 0;
        }
        return Math.max(0, totalLength - completedLength) / downloadSpeed;
    }
}
