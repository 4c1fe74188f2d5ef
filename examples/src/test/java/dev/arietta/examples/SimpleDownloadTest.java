package dev.arietta.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.DownloadResult;
import dev.arietta.core.ErrorCode;
import dev.arietta.examples.cli.RangeFileServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimpleDownloadTest {

    @TempDir
    Path directory;

    @Test
    void downloadsOneUri() throws Exception {
        byte[] content = new byte[300_000];
        new SplittableRandom(1).nextBytes(content);
        try (RangeFileServer server = RangeFileServer.start(Map.of("/one.bin", content), 0)) {
            DownloadResult result = SimpleDownload.download(server.uri("/one.bin").toString(), directory);
            assertTrue(result.isSuccess(), result.toString());
            assertEquals(List.of(directory.resolve("one.bin").toAbsolutePath()), result.files());
            assertArrayEquals(content, Files.readAllBytes(directory.resolve("one.bin")));
        }
    }

    @Test
    void reportsAFailure() throws Exception {
        try (RangeFileServer server = RangeFileServer.start(Map.of(), 0)) {
            DownloadResult result = SimpleDownload.download(server.uri("/absent.bin").toString(), directory);
            assertFalse(result.isSuccess());
            assertEquals(ErrorCode.RESOURCE_NOT_FOUND, result.errorCode());
        }
    }
}
