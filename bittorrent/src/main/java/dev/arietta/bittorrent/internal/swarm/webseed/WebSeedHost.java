package dev.arietta.bittorrent.internal.swarm.webseed;

import dev.arietta.core.internal.piece.PieceRange;
import java.nio.ByteBuffer;

/** What a {@link WebSeed} needs from its torrent. Loop thread only. */
public interface WebSeedHost {

    /** Whether the torrent still downloads (not seeding, not stopping). */
    boolean isDownloading();

    /** Claims a run of up to {@code maxPieces} consecutive pieces for {@code source}, or null if none is left. */
    PieceRange claimRun(int source, int maxPieces);

    /** A whole block arrived from the web seed: record it and write it; false if it was not needed. */
    boolean deliver(int source, int piece, int offset, ByteBuffer block);

    /** Gives back the blocks {@code source} claimed but did not deliver. */
    void giveBack(int source);

    /** Whether received blocks wait for the disk beyond the bound: fetching pauses until {@link WebSeed#resume()}. */
    boolean isWriteQueueFull();

    /** Takes up to {@code bytes} from the download rate limits; returns what is granted now. */
    long takeDownloadAllowance(long bytes);

    /** Nanoseconds until the download rate limits grant some more. */
    long nanosUntilDownloadAllowance();

    long nanoTime();

    /** Runs {@code task} on the loop after {@code delayNanos}, unless the torrent stops first. */
    void schedule(long delayNanos, Runnable task);
}
