package dev.arietta.examples.cli;

import dev.arietta.core.ErrorCode;
import java.util.List;

/**
 * The process exit status, by aria2's rule:
 * <ol>
 *   <li>the error code of the <em>last</em> download (in the order they stopped) that ended with
 *       an error;</li>
 *   <li>else {@link ErrorCode#IN_PROGRESS} (7) when a download was left unfinished (interrupted);</li>
 *   <li>else 0. Removed downloads do not count as errors.</li>
 * </ol>
 * Stateless and thread-safe.
 */
public final class ExitStatus {

    private ExitStatus() {
    }

    /** The exit status for the results, in the order the downloads stopped. */
    public static int of(List<ResultRow> results) {
        ErrorCode lastError = null;
        boolean unfinished = false;
        for (ResultRow row : results) {
            switch (row.status()) {
                case ERR -> lastError = row.errorCode() == ErrorCode.FINISHED ? ErrorCode.UNKNOWN : row.errorCode();
                case INPR -> unfinished = true;
                case OK, RM -> {
                    // neither changes the exit status
                }
            }
        }
        if (lastError != null) {
            return lastError.code();
        }
        return unfinished ? ErrorCode.IN_PROGRESS.code() : ErrorCode.FINISHED.code();
    }
}
