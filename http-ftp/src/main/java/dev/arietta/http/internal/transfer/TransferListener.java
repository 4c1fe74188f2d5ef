package dev.arietta.http.internal.transfer;

import dev.arietta.core.ErrorCode;
import java.net.URI;

/** Hears a {@link SegmentedTransfer}'s milestones, on the loop thread. Must not throw. */
public interface TransferListener {

    /**
     * The first source answered: the length (if known) and the suggested name are in. The
     * engine prepares the file, then calls {@link SegmentedTransfer#proceed} (with any ranges
     * already on disk) or {@link SegmentedTransfer#abort}. Data of the first connection keeps
     * flowing to the sink meanwhile.
     */
    void onFirstResponse(FetchResponse response);

    /** Every byte is received and written. */
    void onComplete();

    /** The transfer gave up; no connection is left open. */
    void onFailure(ErrorCode code, String message);

    /**
     * A source answered one connection's request (every connection, the first one before
     * {@link #onFirstResponse}), before any of its data is taken. Returns null to accept the
     * answer, or the failure to fail that connection with: a {@link FetchFailure.Kind#FATAL}
     * one drops the mirror (a Metalink/HTTP {@code Digest} that disagrees with the others).
     * The default accepts every answer.
     */
    default FetchFailure checkResponse(URI source, FetchResponse response) {
        return null;
    }

    /**
     * Whether every byte written so far has passed its check, so the transfer may complete
     * once the last byte is written. A listener verifying pieces returns false while a check
     * is pending and calls {@link SegmentedTransfer#verified()} when they are all done. The
     * default (no checks) is true.
     */
    default boolean allWrittenVerified() {
        return true;
    }

    /**
     * The first source said the entity is not modified since the date the download asked about
     * ({@code conditional-get}); the transfer has stopped, no byte was received. A listener that
     * never asks conditionally treats it as a failure.
     */
    default void onNotModified() {
        onFailure(ErrorCode.HTTP_PROTOCOL_ERROR, "\"not modified\" answer to a request that was not conditional");
    }
}
