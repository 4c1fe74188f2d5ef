package dev.arietta;

import static dev.arietta.TestFiles.MIB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.internal.resume.ResumeState;
import dev.arietta.core.internal.resume.ResumeStateFile;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} mid-download, then restart: a real child JVM downloads from the in-JVM
 * counting server, is killed with {@code destroyForcibly}, and a second child finishes the
 * file. The second run fetches only what the last resume state (saved every 2 s while data
 * flows) did not claim, plus a little slack for the first request of the restart.
 */
class CrashResumeTest {

    private static final int SIZE = 24 * MIB;
    /** Per-connection throttle: four connections take about 6 s for the file. */
    private static final long BYTES_PER_SECOND = MIB;

    @TempDir
    Path directory;

    private Process child(String uri) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> classpath = new ArrayList<>();
        classpath.add(System.getProperty("java.class.path"));
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath != null && !modulePath.isEmpty()) {
            classpath.add(modulePath);
        }
        return new ProcessBuilder(java, "-cp", String.join(File.pathSeparator, classpath),
                ResumeChildMain.class.getName(), directory.resolve("downloads").toString(), uri)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("child.log").toFile()))
                .start();
    }

    @Test
    void killedDownloadRestartsWithoutFetchingSavedPiecesAgain() throws Exception {
        byte[] content = TestFiles.random(SIZE, 51);
        Path target = directory.resolve("downloads").resolve("crash.bin");
        Path stateFile = ResumeStateFile.pathFor(target);
        try (FakeHttpServer server = FakeHttpServer.start()) {
            server.serve("/crash.bin", new FakeHttpServer.Resource(content, null,
                    index -> FakeHttpServer.Effect.NORMAL, 0, BYTES_PER_SECOND));
            Process first = child(server.url("/crash.bin"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(Files.exists(stateFile) && server.bodyBytesSent() >= 10L * MIB)) {
                assertTrue(first.isAlive(), "child ended early: " + Files.readString(directory.resolve("child.log")));
                assertTrue(System.nanoTime() < deadline, "no resume state while data flowed");
                Thread.sleep(20);
            }
            first.destroyForcibly();
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
            long sentFirstRun = server.bodyBytesSent();
            assertTrue(sentFirstRun < SIZE, "killed mid-download");

            ResumeState state = new ResumeStateFile(target).read().orElseThrow();
            long claimed = 0;
            for (int piece = 0; piece < state.pieceCount(); piece++) {
                if (state.verifiedPieces().get(piece)) {
                    claimed += Math.min(state.pieceLength(), SIZE - (long) piece * state.pieceLength());
                }
            }
            assertTrue(claimed >= 4L * MIB, "the state saved during the flow claims pieces: " + claimed);

            Process second = child(server.url("/crash.bin"));
            assertTrue(second.waitFor(120, TimeUnit.SECONDS), "restart finished");
            assertEquals(0, second.exitValue(), Files.readString(directory.resolve("child.log")));
            assertArrayEquals(content, Files.readAllBytes(target));
            assertTrue(!Files.exists(stateFile), "state deleted on completion");

            long sentSecondRun = server.bodyBytesSent() - sentFirstRun;
            long slack = 2L * MIB;
            assertTrue(sentSecondRun <= SIZE - claimed + slack, "second run fetched " + sentSecondRun
                    + " bytes; unclaimed were " + (SIZE - claimed));
            long resent = sentFirstRun + sentSecondRun - SIZE;
            assertTrue(resent <= sentFirstRun - claimed + slack, "re-sent " + resent + " bytes, in flight at the kill "
                    + (sentFirstRun - claimed));
        }
    }
}
