package dev.arietta.http.internal.netrc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.arietta.http.internal.netrc.NetrcLoadResult.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetrcFileTest {
    @TempDir
    Path directory;

    private Path write(String content, String permissions) throws IOException {
        Path file = directory.resolve(".netrc");
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        assumeTrue(Files.getFileStore(file).supportsFileAttributeView("posix"), "needs POSIX permissions");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-------", "r--------"})
    void ownerOnlyFileIsLoaded(String permissions) throws IOException {
        NetrcLoadResult result = NetrcFile.load(write("machine h login u password p\n", permissions), NetrcLimits.DEFAULTS);
        assertEquals(Status.LOADED, result.status());
        assertEquals("p", result.netrc().find("h").orElseThrow().password());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r--r--", "rw-r-----", "rw----r--", "rw-----w-", "rw---x---"})
    void fileOpenToGroupOrOthersIsIgnored(String permissions) throws IOException {
        NetrcLoadResult result = NetrcFile.load(write("machine h login u password p\n", permissions), NetrcLimits.DEFAULTS);
        assertEquals(Status.IGNORED_UNSAFE_PERMISSIONS, result.status());
        assertEquals(0, result.netrc().machines().size());
    }

    @Test
    void missingFileIsNotAnError() throws IOException {
        NetrcLoadResult result = NetrcFile.load(directory.resolve("absent"), NetrcLimits.DEFAULTS);
        assertEquals(Status.MISSING, result.status());
    }

    @Test
    void oversizedFileIsRefused() throws IOException {
        Path file = write("machine h login u password p\n".repeat(10), "rw-------");
        NetrcException failure = assertThrows(NetrcException.class, () -> NetrcFile.load(file, new NetrcLimits(100, 10)));
        assertEquals(0, failure.lineNumber());
    }

    @Test
    void latin1FileStillLoads() throws IOException {
        Path file = directory.resolve("latin1");
        Files.write(file, "machine h login u password caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assumeTrue(Files.getFileStore(file).supportsFileAttributeView("posix"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertEquals("caf\u00e9", NetrcFile.load(file, NetrcLimits.DEFAULTS).netrc().find("h").orElseThrow().password());
    }

    @Test
    void syntaxErrorPropagates() throws IOException {
        Path file = write("machine h\nnonsense\n", "rw-------");
        NetrcException failure = assertThrows(NetrcException.class, () -> NetrcFile.load(file, NetrcLimits.DEFAULTS));
        assertEquals(2, failure.lineNumber());
    }
}
