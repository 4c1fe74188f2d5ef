package dev.arietta.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.DownloadState;
import dev.arietta.examples.cli.RangeFileServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PauseResumeTest {

    @TempDir
    Path directory;

    @Test
    void pausesObservesAndFinishes() throws Exception {
        byte[] content = new byte[512 * 1024];
        new SplittableRandom(7).nextBytes(content);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        // Paced to 256 KiB/s so that the download is still running when it is paused.
        try (RangeFileServer server = RangeFileServer.start(Map.of("/slow.bin", content), 256 * 1024)) {
            PauseResume.Observation observation = PauseResume.pauseAndResume(server.uri("/slow.bin").toString(),
                    directory, new PrintStream(log, true, StandardCharsets.UTF_8));
            assertEquals(DownloadState.PAUSED, observation.whilePaused().state());
            assertTrue(observation.whilePaused().completedLength() > 0, observation.toString());
            assertTrue(observation.whilePaused().completedLength() < content.length, observation.toString());
            assertNotEquals(DownloadState.PAUSED, observation.afterUnpause());
            assertTrue(observation.result().isSuccess(), observation.result().toString());
            assertArrayEquals(content, Files.readAllBytes(observation.result().files().get(0)));
            String gid = observation.result().gid();
            List<String> events = log.toString(StandardCharsets.UTF_8).lines()
                    .filter(line -> line.endsWith(" " + gid)).map(line -> line.substring(0, line.indexOf(' '))).toList();
            assertEquals(List.of("START", "PAUSE", "START", "FILE_COMPLETE", "COMPLETE"), events);
        }
    }
}
