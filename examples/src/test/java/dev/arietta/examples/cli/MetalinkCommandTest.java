package dev.arietta.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.metalink.Hash;
import dev.arietta.metalink.HashType;
import dev.arietta.metalink.Metalink;
import dev.arietta.metalink.MetalinkDocument;
import dev.arietta.metalink.MetalinkFile;
import dev.arietta.metalink.MetalinkUrl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command with Metalink input: -M, a .meta4 argument, --select-file, --follow-metalink, exit statuses. */
class MetalinkCommandTest {

    private final CommandRunner command = new CommandRunner();

    private static final byte[] ONE = "the first file\n".repeat(2000).getBytes(StandardCharsets.UTF_8);
    private static final byte[] TWO = "the second file\n".repeat(3000).getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path directory;
    private RangeFileServer server;

    @BeforeEach
    void start() throws Exception {
        server = RangeFileServer.start(Map.of("/one.txt", ONE, "/two.txt", TWO,
                "/list.meta4", metalink(ONE, "one.txt", "/one.txt", TWO, "two.txt", "/two.txt")), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private byte[] metalink(byte[] first, String firstName, String firstPath, byte[] second, String secondName,
                            String secondPath) throws Exception {
        return Metalink.toByteArray(MetalinkDocument.of(List.of(describe(firstName, first, firstPath),
                describe(secondName, second, secondPath))));
    }

    private MetalinkFile describe(String name, byte[] content, String path) throws Exception {
        return MetalinkFile.builder(name).size(content.length)
                .addHash(Hash.of(HashType.SHA_256, MessageDigest.getInstance("SHA-256").digest(content)))
                .addUrl(MetalinkUrl.of(server == null ? "/" + name : server.uri(path).toString(), null, 1)).build();
    }

    private Path localMetalink() throws Exception {
        return Files.write(directory.resolve("local.meta4"), metalink(ONE, "one.txt", "/one.txt", TWO, "two.txt",
                "/two.txt"));
    }

    @Test
    void dashCapitalMDownloadsEveryFileAndListsThemInTheResults() throws Exception {
        int status = run("-d", directory.resolve("out").toString(), "-M", localMetalink().toString());
        assertEquals(0, status, err() + out());
        assertArrayEquals(ONE, Files.readAllBytes(directory.resolve("out/one.txt")));
        assertArrayEquals(TWO, Files.readAllBytes(directory.resolve("out/two.txt")));
        assertEquals(2, out().lines().filter(line -> line.contains("|OK  |")).count(), out());
    }

    @Test
    void aMetalinkArgumentWithSelectFileDownloadsOnlyThatFile() throws Exception {
        int status = run("-d", directory.resolve("out").toString(), "--select-file=2", localMetalink().toString());
        assertEquals(0, status, err() + out());
        assertFalse(Files.exists(directory.resolve("out/one.txt")));
        assertArrayEquals(TWO, Files.readAllBytes(directory.resolve("out/two.txt")));
    }

    @Test
    void aDownloadedMetalinkIsFollowedAndItsDownloadsJoinTheResults() throws Exception {
        int status = run("-d", directory.toString(), server.uri("/list.meta4").toString());
        assertEquals(0, status, err() + out());
        assertArrayEquals(ONE, Files.readAllBytes(directory.resolve("one.txt")));
        assertArrayEquals(TWO, Files.readAllBytes(directory.resolve("two.txt")));
        assertEquals(3, out().lines().filter(line -> line.contains("|OK  |")).count(), out());
    }

    @Test
    void followMetalinkFalseOnlySavesTheMetalink() throws Exception {
        int status = run("-d", directory.toString(), "--follow-metalink=false", server.uri("/list.meta4").toString());
        assertEquals(0, status, err() + out());
        assertTrue(Files.exists(directory.resolve("list.meta4")));
        assertFalse(Files.exists(directory.resolve("one.txt")));
    }

    @Test
    void aHashMismatchExits32AndARefusedDocumentExits1() throws Exception {
        Path wrong = Files.write(directory.resolve("wrong.meta4"), metalink(new byte[ONE.length], "one.txt",
                "/one.txt", TWO, "two.txt", "/two.txt"));
        assertEquals(32, run("-d", directory.resolve("out").toString(), "-M", wrong.toString()), out());
        Path broken = Files.writeString(directory.resolve("broken.meta4"), "<metalink");
        assertEquals(1, run("-d", directory.resolve("out2").toString(), broken.toString()));
        assertTrue(out().contains("[ERROR] " + broken + ": "), out());
    }

    private int run(String... arguments) {
        return command.run(arguments);
    }

    private String out() {
        return command.out();
    }

    private String err() {
        return command.err();
    }
}
