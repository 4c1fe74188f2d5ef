package dev.arietta.http.internal.transfer;

import java.util.List;

/**
 * aria2's rules for sources that cannot continue the bytes already on disk
 * ({@code always-resume}, {@code max-resume-failure-tries}): such a source is dropped ("cannot
 * resume"). With {@link TransferSettings#alwaysResume()} that is all; otherwise, once
 * {@link TransferSettings#maxResumeFailureTries()} sources failed so (or none is left), the
 * file is downloaded again from byte 0 from every source, those included, once. Counts the
 * failures of one {@link SegmentedTransfer}; loop thread only.
 */
final class ResumeRules {

    private final TransferSettings settings;
    private final MirrorSet mirrors;
    /** Sources dropped because they could not continue the bytes on disk. */
    private int resumeFailures;
    /** Set once the file was started over from byte 0: it happens at most once. */
    private boolean restartedFromScratch;

    ResumeRules(TransferSettings settings, MirrorSet mirrors) {
        this.settings = settings;
        this.mirrors = mirrors;
    }

    /**
     * Whether {@code doneRanges} hold some of a file of {@code totalLength} bytes (or of unknown
     * length, negative) but not all of it: a source must continue them.
     */
    static boolean resumesFromDisk(List<long[]> doneRanges, long totalLength) {
        long done = 0;
        for (long[] range : doneRanges) {
            done += Math.max(0, range[1] - range[0]);
        }
        return done > 0 && (totalLength < 0 || done < totalLength);
    }

    /** {@code mirror} could not continue the data on disk: it is dropped with {@code failure}. */
    void cannotResume(Mirror mirror, FetchFailure failure) {
        resumeFailures++;
        mirrors.recordCannotResume(mirror, failure);
    }

    /** Whether the rules start the file over now. */
    boolean restartAllowed() {
        if (settings.alwaysResume() || restartedFromScratch || !mirrors.anyCannotResume()) {
            return false;
        }
        int tries = settings.maxResumeFailureTries();
        return tries > 0 && resumeFailures >= tries || mirrors.earliestUsable() == Long.MAX_VALUE;
    }

    /** The file starts over from byte 0: the sources that could not resume are usable again. */
    void restarted() {
        restartedFromScratch = true;
        mirrors.reviveCannotResume();
    }
}
