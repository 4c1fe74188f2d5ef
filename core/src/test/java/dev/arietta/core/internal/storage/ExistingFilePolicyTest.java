package dev.arietta.core.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arietta.core.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExistingFilePolicyTest {

    @TempDir
    Path root;

    private Path existing(String name) throws IOException {
        return Files.write(root.resolve(name), new byte[] {1});
    }

    @Test
    void missingFileIsCreated() throws StorageException {
        assertEquals(new TargetFile(root.resolve("new.iso"), TargetFile.Disposition.CREATE),
                ExistingFilePolicy.defaults().decide(root.resolve("new.iso"), false));
    }

    @Test
    void existingFileWithResumeStateContinues() throws IOException {
        Path path = existing("x.iso");
        ExistingFilePolicy refusing = ExistingFilePolicy.builder().autoRename(false).build();
        assertEquals(new TargetFile(path, TargetFile.Disposition.CONTINUE), refusing.decide(path, true));
    }

    @Test
    void refusesWithCode13WhenNeitherOverwriteNorRename() throws IOException {
        Path path = existing("x.iso");
        ExistingFilePolicy refusing = ExistingFilePolicy.builder().autoRename(false).build();
        StorageException error = assertThrows(StorageException.class, () -> refusing.decide(path, false));
        assertEquals(ErrorCode.FILE_ALREADY_EXISTS, error.errorCode());
        assertEquals(13, error.errorCode().code());
        assertEquals(path, error.path());
        assertEquals("file exists without resume state and neither overwriting nor renaming is allowed: " + path,
                error.getMessage());
    }

    @Test
    void overwriteTakesPrecedenceOverRenaming() throws IOException {
        Path path = existing("x.iso");
        ExistingFilePolicy overwriting = ExistingFilePolicy.builder().allowOverwrite(true).build();
        assertEquals(new TargetFile(path, TargetFile.Disposition.OVERWRITE), overwriting.decide(path, false));
    }

    @Test
    void autoRenameWalksTheCounterSequence() throws IOException {
        Path path = existing("movie.mkv");
        ExistingFilePolicy policy = ExistingFilePolicy.defaults();
        assertEquals(new TargetFile(root.resolve("movie.1.mkv"), TargetFile.Disposition.RENAMED),
                policy.decide(path, false));
        existing("movie.1.mkv");
        existing("movie.2.mkv");
        assertEquals(root.resolve("movie.3.mkv"), policy.decide(path, false).path());
        assertEquals(root.resolve("movie.4.mkv"),
                policy.decide(path, false, Set.of(root.resolve("movie.3.mkv"))).path(), "reserved names are skipped");
    }

    @Test
    void danglingLinkAndDirectoryCountAsExisting() throws IOException {
        Files.createSymbolicLink(root.resolve("link"), root.resolve("nowhere"));
        Files.createDirectory(root.resolve("dir"));
        ExistingFilePolicy policy = ExistingFilePolicy.defaults();
        assertEquals(root.resolve("link.1"), policy.decide(root.resolve("link"), false).path());
        assertEquals(root.resolve("dir.1"), policy.decide(root.resolve("dir"), false).path());
    }

    @Test
    void exhaustedRenamingFailsWithCode14() throws IOException {
        Path path = existing("a.txt");
        existing("a.1.txt");
        existing("a.2.txt");
        ExistingFilePolicy policy = ExistingFilePolicy.builder().maxRenameAttempts(2).build();
        StorageException error = assertThrows(StorageException.class, () -> policy.decide(path, false));
        assertEquals(ErrorCode.FILE_RENAMING_FAILED, error.errorCode());
        assertEquals("no free name after 2 renaming attempts: " + path, error.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
            "archive.tar.gz, 1, archive.tar.1.gz",
            "README, 2, README.2",
            ".profile, 1, .profile.1",
            "v1.0, 3, v1.3.0",
            "name.with-a-very-long-tail-after-the-last-dot-xxxxxxxxxx, 1, name.with-a-very-long-tail-after-the-last-dot-xxxxxxxxxx.1"})
    void counterGoesBeforeTheExtension(String name, int counter, String expected) {
        assertEquals(root.resolve(expected), ExistingFilePolicy.defaults().renamed(root.resolve(name), counter));
    }

    @Test
    void renamedLongNameKeepsCounterAndExtensionWithinTheLimit() {
        String name = "\u00E9".repeat(125) + ".txt";
        Path renamed = ExistingFilePolicy.defaults().renamed(root.resolve(name), 9999);
        assertEquals("\u00E9".repeat(123) + ".9999.txt", renamed.getFileName().toString());
        assertEquals(255, PathSanitizer.utf8Length(renamed.getFileName().toString()));
    }

    @Test
    void builderRejectsBadLimits() {
        assertThrows(IllegalArgumentException.class, () -> ExistingFilePolicy.builder().maxRenameAttempts(0));
        assertThrows(IllegalArgumentException.class, () -> ExistingFilePolicy.builder().maxElementBytes(39));
    }
}
