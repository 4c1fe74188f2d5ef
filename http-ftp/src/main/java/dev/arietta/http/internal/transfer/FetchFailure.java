package dev.arietta.http.internal.transfer;

import dev.arietta.core.ErrorCode;
import java.util.Objects;

/**
 * Why one fetch from one source failed, as the transfer needs to decide what to do next.
 * Immutable.
 *
 * @param code             the aria2 error code a download stopped by it reports
 * @param message          a human message with context (URI masked, status)
 * @param kind             how the failure affects the source
 * @param retryAfterMillis how long the source asked to wait before trying again, or 0
 */
public record FetchFailure(ErrorCode code, String message, Kind kind, long retryAfterMillis) {

    /** How a failure affects the source it came from. */
    public enum Kind {
        /** Worth retrying later (network trouble, timeout, 5xx). Counts against {@code max-tries}. */
        RETRYABLE,
        /** The source does not have the file (404, 410): counted for {@code max-file-not-found}; not retried. */
        NOT_FOUND,
        /** The source cannot serve ranges or sent a different entity: usable only without a split. */
        RANGE_UNSUPPORTED,
        /** Retrying cannot help (authentication refused, bad request): the source is dropped. */
        FATAL
    }

    public FetchFailure {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(kind, "kind");
    }
}
