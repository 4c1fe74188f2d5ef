package dev.arietta.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.DownloadResult;
import dev.arietta.examples.cli.RangeFileServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueWithListenerTest {

    @TempDir
    Path directory;

    @Test
    void downloadsEveryUriTwoAtATimeAndPrintsTheEvents() throws Exception {
        Map<String, byte[]> files = new HashMap<>();
        for (int i = 1; i <= 3; i++) {
            files.put("/file" + i + ".txt", ("file number " + i + "\n").repeat(1000 * i).getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (RangeFileServer server = RangeFileServer.start(files, 0)) {
            List<String> uris = List.of(server.uri("/file1.txt").toString(), server.uri("/file2.txt").toString(),
                    server.uri("/file3.txt").toString());
            List<DownloadResult> results = QueueWithListener.downloadAll(uris, directory,
                    new PrintStream(log, true, StandardCharsets.UTF_8));
            assertEquals(3, results.size());
            for (int i = 1; i <= 3; i++) {
                DownloadResult result = results.get(i - 1);
                assertTrue(result.isSuccess(), result.toString());
                assertArrayEquals(files.get("/file" + i + ".txt"), Files.readAllBytes(directory.resolve("file" + i + ".txt")));
            }
            List<String> lines = log.toString(StandardCharsets.UTF_8).lines().toList();
            for (DownloadResult result : results) {
                assertTrue(lines.contains("START " + result.gid()), lines.toString());
                assertTrue(lines.contains("COMPLETE " + result.gid()), lines.toString());
            }
            // max-concurrent-downloads=2: the third starts only once a slot is free.
            int thirdStart = lines.indexOf("START " + results.get(2).gid());
            int firstComplete = lines.stream().filter(line -> line.startsWith("COMPLETE ")).findFirst()
                    .map(lines::indexOf).orElseThrow();
            assertTrue(firstComplete < thirdStart, lines.toString());
        }
    }
}
