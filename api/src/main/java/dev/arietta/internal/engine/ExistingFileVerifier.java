package dev.arietta.internal.engine;

import dev.arietta.core.internal.hash.ChecksumMismatchException;
import dev.arietta.core.internal.hash.ExpectedChecksum;
import dev.arietta.core.internal.hash.WholeFileChecksum;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * aria2's {@code check-integrity} of a file already on disk against the whole-file
 * {@code checksum}: the file of the download's name and length without resume state is
 * looked for on the download's disk queue, hashed on the hash executor, and the verdict is
 * handed back on the disk queue. Stateless.
 */
final class ExistingFileVerifier {

    /** What the check found. */
    enum Verdict {
        /** Looking for the file failed ({@link Result#failure()}). */
        LOOKUP_FAILED,
        /** No file to check: none of that name and length, or it has resume state. */
        NO_CANDIDATE,
        /** The file matches the checksum. */
        MATCH,
        /** The file does not match ({@link Result#message()} says how). */
        MISMATCH,
        /** The file could not be read through ({@link Result#message()}). */
        UNREADABLE
    }

    /**
     * @param verdict what was found
     * @param path    the file checked, or null with {@link Verdict#NO_CANDIDATE} and {@link Verdict#LOOKUP_FAILED}
     * @param message why it did not match or could not be read, else empty
     * @param failure the lookup failure with {@link Verdict#LOOKUP_FAILED}, else null
     */
    record Result(Verdict verdict, Path path, String message, Exception failure) {
    }

    private ExistingFileVerifier() {
    }

    /** Runs the check; {@code then} gets the result on {@code diskQueue}. */
    static void verify(DiskFile file, DiskFile.Request request, ExpectedChecksum checksum, Executor diskQueue,
                       Executor hashExecutor, Consumer<Result> then) {
        diskQueue.execute(() -> {
            Path candidate;
            try {
                candidate = file.integrityCandidate(request);
            } catch (IOException | RuntimeException e) {
                then.accept(new Result(Verdict.LOOKUP_FAILED, null, String.valueOf(e.getMessage()), e));
                return;
            }
            if (candidate == null) {
                then.accept(new Result(Verdict.NO_CANDIDATE, null, "", null));
                return;
            }
            hashExecutor.execute(() -> {
                Result result;
                try {
                    new WholeFileChecksum().verify(candidate, checksum);
                    result = new Result(Verdict.MATCH, candidate, "", null);
                } catch (ChecksumMismatchException mismatch) {
                    result = new Result(Verdict.MISMATCH, candidate, mismatch.getMessage(), null);
                } catch (IOException unreadable) {
                    result = new Result(Verdict.UNREADABLE, candidate, unreadable.getMessage(), null);
                }
                Result verdict = result;
                diskQueue.execute(() -> then.accept(verdict));
            });
        });
    }
}
