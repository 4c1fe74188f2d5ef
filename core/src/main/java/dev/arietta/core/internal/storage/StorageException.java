package dev.arietta.core.internal.storage;

import dev.arietta.core.ErrorCode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * A disk operation failed. Carries the aria2 {@link ErrorCode} the download stops with and
 * the file concerned.
 *
 * <p>Codes used: {@link ErrorCode#NOT_ENOUGH_DISK_SPACE} when the operating system reports a
 * full disk or quota (recognized from the message: {@code "No space left on device"},
 * {@code "Disk quota exceeded"}, Windows' {@code "There is not enough space on the disk"});
 * otherwise {@link ErrorCode#FILE_CREATE_ERROR} for creating or truncating a file,
 * {@link ErrorCode#DIR_CREATE_ERROR} for creating a directory, {@link ErrorCode#FILE_OPEN_ERROR}
 * for reopening a file that existed, {@link ErrorCode#FILE_IO_ERROR} for reads, writes and
 * syncs, {@link ErrorCode#FILE_ALREADY_EXISTS} and {@link ErrorCode#FILE_RENAMING_FAILED} from
 * {@link ExistingFilePolicy}.
 */
public final class StorageException extends IOException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;
    private final transient Path path;

    /**
     * @param errorCode the code the download stops with
     * @param path      the file or directory concerned, or null when none
     * @param message   what was being done, with context (offset, length)
     * @param cause     the underlying failure, or null
     */
    public StorageException(ErrorCode errorCode, Path path, String message, Throwable cause) {
        super(path == null ? message : message + ": " + path, cause);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
        this.path = path;
    }

    /**
     * Wraps a failed read, write or sync: {@link ErrorCode#NOT_ENOUGH_DISK_SPACE} when the
     * cause says the disk is full, else {@link ErrorCode#FILE_IO_ERROR}.
     *
     * @param operation what was being done, e.g. {@code "write 16384 bytes at offset 0"}
     */
    public static StorageException ioFailure(String operation, Path path, IOException cause) {
        ErrorCode code = isDiskFull(cause) ? ErrorCode.NOT_ENOUGH_DISK_SPACE : ErrorCode.FILE_IO_ERROR;
        return new StorageException(code, path, operation + " failed (" + cause.getMessage() + ")", cause);
    }

    /** Wraps a failed file creation: disk full, or {@link ErrorCode#FILE_CREATE_ERROR}. */
    public static StorageException createFailure(Path path, IOException cause) {
        ErrorCode code = isDiskFull(cause) ? ErrorCode.NOT_ENOUGH_DISK_SPACE : ErrorCode.FILE_CREATE_ERROR;
        return new StorageException(code, path, "create file failed (" + cause.getMessage() + ")", cause);
    }

    /** Wraps a failed reopening of an existing file: {@link ErrorCode#FILE_OPEN_ERROR}. */
    public static StorageException openFailure(Path path, IOException cause) {
        return new StorageException(ErrorCode.FILE_OPEN_ERROR, path,
                "open file failed (" + cause.getMessage() + ")", cause);
    }

    /** Wraps a failed directory creation: disk full, or {@link ErrorCode#DIR_CREATE_ERROR}. */
    public static StorageException directoryFailure(Path directory, IOException cause) {
        ErrorCode code = isDiskFull(cause) ? ErrorCode.NOT_ENOUGH_DISK_SPACE : ErrorCode.DIR_CREATE_ERROR;
        return new StorageException(code, directory, "create directory failed (" + cause.getMessage() + ")",
                cause);
    }

    /** Whether {@code failure} or one of its causes reports a full disk or exhausted quota. */
    static boolean isDiskFull(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            String message = current.getMessage();
            if (message != null) {
                String lower = message.toLowerCase(Locale.ROOT);
                if (lower.contains("no space left on device") || lower.contains("disk quota exceeded")
                        || lower.contains("not enough space on the disk")) {
                    return true;
                }
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return false;
    }

    /** The code the download stops with. */
    public ErrorCode errorCode() {
        return errorCode;
    }

    /** The file or directory concerned, or null. */
    public Path path() {
        return path;
    }
}
