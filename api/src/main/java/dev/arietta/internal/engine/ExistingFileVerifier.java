package dev.arietta.internal.engine;

import dev.arietta.core.internal.hash.ChecksumMismatchException;
import dev.arietta.core.internal.hash.ExpectedChecksum;
import dev.arietta.core.internal.hash.IntegrityCheck;
import dev.arietta.core.internal.hash.IntegrityChecker;
import dev.arietta.core.internal.hash.PieceHashResult;
import dev.arietta.core.internal.hash.PieceHashes;
import dev.arietta.core.internal.hash.WholeFileChecksum;
import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.core.internal.piece.PieceGeometry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * aria2's {@code check-integrity} of a file already on disk: against the whole-file
 * {@code checksum} ({@link #verify}), or piece by piece against Metalink piece hashes
 * ({@link #verifyPieces}). The file is looked for on the download's disk queue, hashed on the
 * hash executor, and the verdict is handed back on the disk queue. Stateless.
 */
final class ExistingFileVerifier {

    /** What the check found. */
    enum Verdict {
        /** Looking for the file failed ({@link Result#failure()}). */
        LOOKUP_FAILED,
        /** No file to check: none of that name and length, or it has resume state. */
        NO_CANDIDATE,
        /** The file matches the checksum, or every piece its hash. */
        MATCH,
        /** The file does not match, or a piece fails its hash ({@link Result#message()} says how). */
        MISMATCH,
        /** Every piece present passes, but the file is too short to hold them all (pieces check only). */
        INCOMPLETE,
        /** The file could not be read through ({@link Result#message()}). */
        UNREADABLE
    }

    /**
     * @param verdict       what was found
     * @param path          the file checked, or null with {@link Verdict#NO_CANDIDATE} and {@link Verdict#LOOKUP_FAILED}
     * @param message       why it did not match or could not be read, else empty
     * @param failure       the lookup failure with {@link Verdict#LOOKUP_FAILED}, else null
     * @param verifiedBytes bytes found correct: the file's length on a match, the passing pieces'
     *                      bytes in a piece check, else 0
     */
    record Result(Verdict verdict, Path path, String message, Exception failure, long verifiedBytes) {

        static Result of(Verdict verdict, Path path, String message) {
            return new Result(verdict, path, message, null, 0);
        }
    }

    private ExistingFileVerifier() {
    }

    /** Runs the whole-file check; {@code then} gets the result on {@code diskQueue}. */
    static void verify(DiskFile file, DiskFile.Request request, ExpectedChecksum checksum, Executor diskQueue,
                       Executor hashExecutor, Consumer<Result> then) {
        diskQueue.execute(() -> {
            Path candidate = candidate(() -> file.integrityCandidate(request), then);
            if (candidate == null) {
                return;
            }
            hashExecutor.execute(() -> {
                Result result;
                try {
                    new WholeFileChecksum().verify(candidate, checksum);
                    result = new Result(Verdict.MATCH, candidate, "", null, request.totalLength());
                } catch (ChecksumMismatchException mismatch) {
                    result = Result.of(Verdict.MISMATCH, candidate, mismatch.getMessage());
                } catch (IOException unreadable) {
                    result = Result.of(Verdict.UNREADABLE, candidate, unreadable.getMessage());
                }
                Result verdict = result;
                diskQueue.execute(() -> then.accept(verdict));
            });
        });
    }

    /**
     * Checks every piece of the file against {@code hashes} (pieces of {@code pieceLength}
     * bytes), in parallel on {@code hashExecutor}: all pass is a {@link Verdict#MATCH}, any
     * failing is a {@link Verdict#MISMATCH} naming how many and the first, none failing but
     * some missing (a short file) is {@link Verdict#INCOMPLETE}. {@code then} gets the result
     * on {@code diskQueue}, which must run one task at a time.
     */
    static void verifyPieces(DiskFile file, DiskFile.Request request, PieceHashes hashes, int pieceLength,
                             Executor diskQueue, Executor hashExecutor, Consumer<Result> then) {
        diskQueue.execute(() -> {
            Path candidate = candidate(() -> file.pieceCheckCandidate(request), then);
            if (candidate == null) {
                return;
            }
            FileChannel channel;
            try {
                channel = FileChannel.open(candidate, StandardOpenOption.READ);
            } catch (IOException unreadable) {
                then.accept(Result.of(Verdict.UNREADABLE, candidate, "cannot read " + candidate + ": "
                        + unreadable.getMessage()));
                return;
            }
            PieceGeometry geometry = new PieceGeometry(request.totalLength(), pieceLength);
            PieceTally tally = new PieceTally();
            IntegrityCheck check;
            try {
                check = new IntegrityChecker(hashExecutor, diskQueue).start(geometry, hashes,
                        (piece, offset, into) -> readAvailable(channel, geometry.pieceOffset(piece) + offset, into),
                        (result, checked, count) -> tally.add(result));
            } catch (IllegalArgumentException wrongCount) {
                closeQuietly(channel);
                then.accept(Result.of(Verdict.MISMATCH, candidate, wrongCount.getMessage()));
                return;
            }
            check.result().whenComplete((verified, failure) -> {
                closeQuietly(channel);
                then.accept(failure != null
                        ? Result.of(Verdict.UNREADABLE, candidate, "reading " + candidate + " failed: "
                                + failure.getMessage())
                        : tally.result(candidate, verified, geometry, hashes));
            });
        });
    }

    /** How the file to check is looked for on the disk queue. */
    @FunctionalInterface
    private interface Lookup {
        Path find() throws IOException;
    }

    /** The file to check, or null after telling {@code then} there is none or the lookup failed. */
    private static Path candidate(Lookup lookup, Consumer<Result> then) {
        try {
            Path candidate = lookup.find();
            if (candidate == null) {
                then.accept(Result.of(Verdict.NO_CANDIDATE, null, ""));
            }
            return candidate;
        } catch (IOException | RuntimeException e) {
            then.accept(new Result(Verdict.LOOKUP_FAILED, null, String.valueOf(e.getMessage()), e, 0));
            return null;
        }
    }

    /** Reads what the file holds at {@code position} into {@code into}; a short file leaves it short. */
    private static void readAvailable(FileChannel channel, long position, ByteBuffer into) throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            int read = channel.read(into, at);
            if (read < 0) {
                return;
            }
            at += read;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Read-only: nothing is lost.
        }
    }

    /** Counts the pieces' outcomes; touched on the disk queue only. */
    private static final class PieceTally {
        private int failed;
        private int firstFailed = -1;
        private int missing;

        void add(PieceHashResult result) {
            if (result.status() == PieceHashResult.Status.FAILED) {
                failed++;
                firstFailed = firstFailed < 0 ? result.piece() : Math.min(firstFailed, result.piece());
            } else if (result.status() == PieceHashResult.Status.MISSING_DATA) {
                missing++;
            }
        }

        Result result(Path path, Bitfield verified, PieceGeometry geometry, PieceHashes hashes) {
            long good = 0;
            for (int piece = 0; piece < geometry.pieceCount(); piece++) {
                if (verified.get(piece)) {
                    good += geometry.pieceLength(piece);
                }
            }
            int count = geometry.pieceCount();
            if (failed > 0) {
                return new Result(Verdict.MISMATCH, path, failed + " of " + count + " pieces failed their "
                        + hashes.algorithm() + " check (first: piece " + firstFailed + ")"
                        + (missing > 0 ? ", " + missing + " missing" : ""), null, good);
            }
            if (missing > 0) {
                return new Result(Verdict.INCOMPLETE, path, missing + " of " + count + " pieces are missing from "
                        + path.getFileName(), null, good);
            }
            return new Result(Verdict.MATCH, path, "", null, good);
        }
    }
}
