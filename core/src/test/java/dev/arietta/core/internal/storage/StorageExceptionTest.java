package dev.arietta.core.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.arietta.core.ErrorCode;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StorageExceptionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "No space left on device | NOT_ENOUGH_DISK_SPACE | NOT_ENOUGH_DISK_SPACE | NOT_ENOUGH_DISK_SPACE",
            "Disk quota exceeded | NOT_ENOUGH_DISK_SPACE | NOT_ENOUGH_DISK_SPACE | NOT_ENOUGH_DISK_SPACE",
            "There is not enough space on the disk | NOT_ENOUGH_DISK_SPACE | NOT_ENOUGH_DISK_SPACE | NOT_ENOUGH_DISK_SPACE",
            "Input/output error | FILE_IO_ERROR | FILE_CREATE_ERROR | DIR_CREATE_ERROR",
            "Permission denied | FILE_IO_ERROR | FILE_CREATE_ERROR | DIR_CREATE_ERROR",
            "Read-only file system | FILE_IO_ERROR | FILE_CREATE_ERROR | DIR_CREATE_ERROR"})
    void mapsOperatingSystemMessagesToCodes(String reason, ErrorCode io, ErrorCode create, ErrorCode directory) {
        Path path = Path.of("/downloads/x");
        IOException cause = new FileSystemException(path.toString(), null, reason);
        assertEquals(io, StorageException.ioFailure("write", path, cause).errorCode());
        assertEquals(create, StorageException.createFailure(path, cause).errorCode());
        assertEquals(directory, StorageException.directoryFailure(path, cause).errorCode());
    }

    @Test
    void findsDiskFullInANestedCause() {
        IOException cause = new IOException("flush failed", new IOException("No space left on device"));
        StorageException error = StorageException.ioFailure("write 10 bytes at offset 5", Path.of("/d/f"), cause);
        assertEquals(ErrorCode.NOT_ENOUGH_DISK_SPACE, error.errorCode());
        assertSame(cause, error.getCause());
        assertEquals("write 10 bytes at offset 5 failed (flush failed): /d/f", error.getMessage());
    }

    @Test
    void reopenFailureIsFileOpenError() {
        assertEquals(ErrorCode.FILE_OPEN_ERROR,
                StorageException.openFailure(Path.of("/d/f"), new IOException("Too many open files")).errorCode());
    }
}
