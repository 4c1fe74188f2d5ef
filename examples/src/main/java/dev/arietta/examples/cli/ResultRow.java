package dev.arietta.examples.cli;

import dev.arietta.core.ErrorCode;
import java.util.Objects;

/**
 * One row of the "Download Results:" table. Immutable.
 *
 * @param gid          the download's 16-hex-digit id (the table shows the first 6)
 * @param status       the {@code stat} column
 * @param errorCode    why it stopped: {@link ErrorCode#FINISHED} for {@link ResultStatus#OK},
 *                     {@link ErrorCode#IN_PROGRESS} for {@link ResultStatus#INPR}; decides the
 *                     exit status ({@link ExitStatus})
 * @param averageSpeed bytes per second over the time it was active, -1 when it never was ({@code n/a})
 * @param location     the first file's path, else its first URI, else {@code n/a}; with several
 *                     files followed by {@code  (N more)}
 */
public record ResultRow(String gid, ResultStatus status, ErrorCode errorCode, long averageSpeed, String location) {

    public ResultRow {
        Objects.requireNonNull(gid, "gid");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(location, "location");
    }
}
