package dev.arietta;

/**
 * Session-wide figures, as aria2's {@code getGlobalStat}. Immutable.
 *
 * @param downloadSpeed    bytes per second over all active downloads
 * @param uploadSpeed      bytes per second over all active downloads
 * @param numActive        active downloads
 * @param numWaiting       waiting and paused downloads
 * @param numStopped       stopped downloads whose results are kept ({@link Option#MAX_DOWNLOAD_RESULT})
 * @param numStoppedTotal  stopped downloads since the session started, including purged results
 */
public record GlobalStat(long downloadSpeed, long uploadSpeed, int numActive, int numWaiting, int numStopped,
                         long numStoppedTotal) {
}
