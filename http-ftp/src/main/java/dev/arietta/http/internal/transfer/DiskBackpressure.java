package dev.arietta.http.internal.transfer;

/**
 * Bounds the memory of a {@link SegmentedTransfer}: counts the buffers handed to the disk and
 * not yet written back. At {@link TransferSettings#maxBuffersInFlight()} it engages and every
 * connection pauses; once half have come back it lets go and they resume. Loop thread only.
 */
final class DiskBackpressure {

    private final int maxInFlight;
    private int inFlight;
    private boolean engaged;

    DiskBackpressure(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    /** A buffer went to the disk. */
    void handedOut() {
        inFlight++;
    }

    /** A buffer came back from the disk; returns true when this lets go (connections may resume). */
    boolean returned() {
        inFlight--;
        if (engaged && inFlight <= maxInFlight / 2) {
            engaged = false;
            return true;
        }
        return false;
    }

    /** Data arrived: returns true when the buffers in flight reach the limit (it engages, or stays so). */
    boolean checkLimit() {
        if (inFlight >= maxInFlight) {
            engaged = true;
        }
        return inFlight >= maxInFlight;
    }

    /** Whether connections must stay paused. */
    boolean engaged() {
        return engaged;
    }

    /** Whether every buffer handed out has come back. */
    boolean idle() {
        return inFlight == 0;
    }
}
