package dev.arietta.internal.engine;

import dev.arietta.core.ErrorCode;
import dev.arietta.core.internal.hash.PieceHashResult;
import dev.arietta.core.internal.hash.PieceHashes;
import dev.arietta.core.internal.hash.PieceVerifier;
import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.http.internal.transfer.SegmentedTransfer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;

/**
 * Verifies a Metalink file's pieces while it downloads. The transfer's segments follow the
 * Metalink piece length; each piece, once every byte of it is written, is read back and
 * hashed on the hash executor. A piece that passes is verified (only verified pieces go into
 * resume state and the status bitfield); one that fails is thrown away with
 * {@link SegmentedTransfer#discard}, which fetches it again and blames the mirror that sent
 * it. The transfer completes only once no check is pending ({@link #settled()}).
 *
 * <p>Lifecycle: made when the first answer gives the file's length; {@link #trust} the
 * pieces a resume state recorded, {@link #recheck} data found on disk otherwise, then
 * {@link #written} after each write. Loop thread only; results come back on the loop. A check
 * finishing after its transfer stopped is ignored.
 */
final class PieceCheck {

    private final PieceHashes hashes;
    private final long pieceLength;
    private final long totalLength;
    private final int[] writtenBytes;
    private final Bitfield verified;
    private final Bitfield checking;
    private final PieceVerifier verifier;
    private final DiskFile file;
    private final SegmentedTransfer transfer;
    private final Logger log;
    private final String gid;
    private int pending;

    private PieceCheck(PieceHashes hashes, int pieceLength, long totalLength, PieceVerifier verifier, DiskFile file,
                       SegmentedTransfer transfer, Logger log, String gid) {
        this.hashes = hashes;
        this.pieceLength = pieceLength;
        this.totalLength = totalLength;
        this.writtenBytes = new int[hashes.pieceCount()];
        this.verified = new Bitfield(hashes.pieceCount());
        this.checking = new Bitfield(hashes.pieceCount());
        this.verifier = verifier;
        this.file = file;
        this.transfer = transfer;
        this.log = log;
        this.gid = gid;
    }

    /**
     * A check of {@code target}'s pieces for a file of {@code totalLength} bytes.
     *
     * @throws IllegalArgumentException if the piece hashes do not cover exactly that length
     *                                  (the server's file is not the one the Metalink describes)
     */
    static PieceCheck create(MetalinkTarget target, long totalLength, Executor hashExecutor, Executor loop,
                             DiskFile file, SegmentedTransfer transfer, Logger log, String gid) {
        long pieces = (totalLength + target.pieceLength() - 1) / target.pieceLength();
        if (pieces != target.pieceHashes().pieceCount()) {
            throw new IllegalArgumentException(target.name() + ": " + target.pieceHashes().pieceCount() + " piece"
                    + " hashes of " + target.pieceLength() + " bytes do not cover the " + totalLength
                    + " bytes the source sends");
        }
        return new PieceCheck(target.pieceHashes(), target.pieceLength(), totalLength,
                new PieceVerifier(hashExecutor, loop), file, transfer, log, gid);
    }

    /** Whether no check is pending. */
    boolean settled() {
        return pending == 0;
    }

    /** A copy of the verified pieces. */
    Bitfield verified() {
        return verified.copy();
    }

    /** The pieces a resume state recorded: verified when they were saved, trusted as such. */
    void trust(List<long[]> ranges) {
        for (int piece : wholePieces(ranges)) {
            verified.set(piece);
            writtenBytes[piece] = size(piece);
        }
    }

    /** Data already on disk without a resume state ({@code continue}): each whole piece is checked. */
    void recheck(List<long[]> ranges) {
        for (int piece : wholePieces(ranges)) {
            writtenBytes[piece] = size(piece);
            check(piece);
        }
    }

    /**
     * {@code ranges} cut down to whole pieces: what {@link #trust} and {@link #recheck} take,
     * and what the transfer may treat as done (a piece partly on disk is fetched whole).
     */
    List<long[]> toWholePieces(List<long[]> ranges) {
        List<long[]> whole = new ArrayList<>();
        for (int piece : wholePieces(ranges)) {
            long start = piece * pieceLength;
            long end = start + size(piece);
            if (!whole.isEmpty() && whole.get(whole.size() - 1)[1] == start) {
                whole.get(whole.size() - 1)[1] = end;
            } else {
                whole.add(new long[] {start, end});
            }
        }
        return whole;
    }

    /** {@code length} bytes at {@code offset} are on disk. */
    void written(long offset, int length) {
        long end = offset + length;
        for (int piece = (int) (offset / pieceLength); piece < writtenBytes.length; piece++) {
            long start = piece * pieceLength;
            if (start >= end) {
                break;
            }
            long pieceEnd = start + size(piece);
            if (verified.get(piece)) {
                continue;
            }
            writtenBytes[piece] += (int) (Math.min(end, pieceEnd) - Math.max(offset, start));
            if (writtenBytes[piece] >= size(piece) && !checking.get(piece)) {
                check(piece);
            }
        }
    }

    private void check(int piece) {
        checking.set(piece);
        pending++;
        long start = piece * pieceLength;
        try {
            verifier.verify(hashes, piece, size(piece), (index, offset, into) -> file.read(start + offset, into))
                    .whenComplete((result, failure) -> checked(piece, result, failure));
        } catch (RejectedExecutionException closed) {
            // The session is shutting down: the piece stays unverified.
            checking.clear(piece);
            pending--;
        }
    }

    private void checked(int piece, PieceHashResult result, Throwable failure) {
        checking.clear(piece);
        pending--;
        if (isOver()) {
            return;
        }
        long start = piece * pieceLength;
        long end = start + size(piece);
        if (failure != null) {
            transfer.abort(ErrorCode.FILE_IO_ERROR, "piece " + piece + ": reading it back to verify failed: "
                    + failure.getMessage());
            return;
        }
        if (result.passed()) {
            verified.set(piece);
        } else {
            writtenBytes[piece] = 0;
            String reason = "piece " + piece + " (bytes " + start + "-" + (end - 1) + ") failed its "
                    + hashes.algorithm() + " check";
            List<URI> dropped = transfer.discard(start, end, reason);
            log.warn("{}: {}; fetching it again{}", gid, reason, dropped.isEmpty() ? ""
                    : ", dropped mirror " + dropped);
        }
        if (pending == 0) {
            transfer.verified();
        }
    }

    private boolean isOver() {
        SegmentedTransfer.State state = transfer.state();
        return state == SegmentedTransfer.State.STOPPED || state == SegmentedTransfer.State.FAILED
                || state == SegmentedTransfer.State.COMPLETE;
    }

    private int size(int piece) {
        return (int) (Math.min(totalLength, (piece + 1) * pieceLength) - piece * pieceLength);
    }

    private List<Integer> wholePieces(List<long[]> ranges) {
        List<Integer> pieces = new ArrayList<>();
        for (long[] range : ranges) {
            long first = (range[0] + pieceLength - 1) / pieceLength;
            for (long piece = first; piece < writtenBytes.length; piece++) {
                if (piece * pieceLength + size((int) piece) > range[1]) {
                    break;
                }
                pieces.add((int) piece);
            }
        }
        return pieces;
    }
}
