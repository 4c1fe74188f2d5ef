package dev.arietta.core.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arietta.core.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetFilesTest {

    @TempDir
    Path root;

    private final PathSanitizer sanitizer = new PathSanitizer();

    private List<TargetFile> prepare(ExistingFilePolicy policy, boolean resume, FileEntry... files) throws IOException {
        return TargetFiles.prepare(root, FileLayout.of(16, files), sanitizer, policy, resume);
    }

    @Test
    void sanitizesContainsAndDecidesEachFile() throws IOException {
        Files.createDirectories(root.resolve("dir"));
        Files.write(root.resolve("dir/taken.bin"), new byte[] {1});
        List<TargetFile> targets = prepare(ExistingFilePolicy.defaults(), false,
                FileEntry.of("../../dir/new.bin", 4),
                FileEntry.padding(".pad/12", 12),
                FileEntry.of("dir/taken.bin", 4));
        assertEquals(List.of(
                new TargetFile(root.resolve("dir/new.bin"), TargetFile.Disposition.CREATE),
                new TargetFile(root.resolve(".pad/1"), TargetFile.Disposition.PADDING),
                new TargetFile(root.resolve("dir/taken.1.bin"), TargetFile.Disposition.RENAMED)), targets);
        assertFalse(Files.exists(root.resolve("dir/new.bin")), "prepare changes nothing on disk");
    }

    @Test
    void paddingFilesWithEqualOrHostileNamesNeitherCollideNorEscape() throws IOException {
        List<TargetFile> targets = prepare(ExistingFilePolicy.defaults(), false,
                FileEntry.of("a", 10), FileEntry.padding(".pad/6", 6),
                FileEntry.of("b", 10), FileEntry.padding(".pad/6", 6),
                FileEntry.padding("../../../etc/passwd", 6), FileEntry.padding("a", 6));
        assertEquals(List.of(root.resolve("a"), root.resolve(".pad/1"), root.resolve("b"), root.resolve(".pad/3"),
                root.resolve(".pad/4"), root.resolve(".pad/5")), targets.stream().map(TargetFile::path).toList());
    }

    @Test
    void renameAvoidsNamesOfOtherFilesInTheDownload() throws IOException {
        Files.write(root.resolve("a.txt"), new byte[] {1});
        List<TargetFile> targets = prepare(ExistingFilePolicy.defaults(), false,
                FileEntry.of("a.txt", 1), FileEntry.of("a.1.txt", 1));
        assertEquals(root.resolve("a.2.txt"), targets.get(0).path());
        assertEquals(root.resolve("a.1.txt"), targets.get(1).path());
    }

    @Test
    void refusesTwoFilesMappingToOnePath() {
        PathContainmentException error = assertThrows(PathContainmentException.class,
                () -> prepare(ExistingFilePolicy.defaults(), false, FileEntry.of("x?", 1), FileEntry.of("x*", 1)));
        assertEquals(PathContainmentException.Reason.COLLISION, error.reason());
        assertEquals("x*", error.input());
    }

    @Test
    void refusesAFileThatIsAnotherFilesDirectory() {
        PathContainmentException error = assertThrows(PathContainmentException.class,
                () -> prepare(ExistingFilePolicy.defaults(), false, FileEntry.of("a", 1), FileEntry.of("a/b", 1)));
        assertEquals(PathContainmentException.Reason.COLLISION, error.reason());
        assertEquals("a/b", error.input());
    }

    @Test
    void refusesEmptyAndEscapingPaths() throws IOException {
        assertEquals(PathContainmentException.Reason.EMPTY_PATH, assertThrows(PathContainmentException.class,
                () -> prepare(ExistingFilePolicy.defaults(), false, FileEntry.of("../..", 1))).reason());
        Path outside = Files.createDirectories(root.resolveSibling(root.getFileName() + "-outside"));
        try {
            Files.createSymbolicLink(root.resolve("out"), outside);
            assertEquals(PathContainmentException.Reason.ESCAPES_ROOT, assertThrows(PathContainmentException.class,
                    () -> prepare(ExistingFilePolicy.defaults(), false, FileEntry.of("out/x", 1))).reason());
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void existingFileWithoutRenamingRefusesWithCode13() throws IOException {
        Files.write(root.resolve("x"), new byte[] {1});
        StorageException error = assertThrows(StorageException.class,
                () -> prepare(ExistingFilePolicy.builder().autoRename(false).build(), false, FileEntry.of("x", 1)));
        assertEquals(ErrorCode.FILE_ALREADY_EXISTS, error.errorCode());
        assertEquals(TargetFile.Disposition.CONTINUE,
                prepare(ExistingFilePolicy.builder().autoRename(false).build(), true, FileEntry.of("x", 1))
                        .get(0).disposition());
    }
}
