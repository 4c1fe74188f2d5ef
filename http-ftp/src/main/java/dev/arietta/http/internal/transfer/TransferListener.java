package dev.arietta.http.internal.transfer;

import dev.arietta.core.ErrorCode;

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
     * The first source said the entity is not modified since the date the download asked about
     * ({@code conditional-get}); the transfer has stopped, no byte was received. A listener that
     * never asks conditionally treats it as a failure.
     */
    default void onNotModified() {
        onFailure(ErrorCode.HTTP_PROTOCOL_ERROR, "\"not modified\" answer to a request that was not conditional");
    }
}
