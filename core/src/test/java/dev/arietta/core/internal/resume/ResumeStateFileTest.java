package dev.arietta.core.internal.resume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.ErrorCode;
import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.core.internal.resume.ResumeStateException.Reason;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeStateFileTest {

    private static final ResumeIdentity.Url URL = new ResumeIdentity.Url("https://example.org/x.iso");

    @TempDir
    Path directory;

    private Path download;
    private ResumeStateFile stateFile;
    private ResumeState state;

    @BeforeEach
    void setUp() {
        download = directory.resolve("x.iso");
        stateFile = new ResumeStateFile(download);
        Bitfield verified = new Bitfield(10);
        verified.set(1);
        verified.set(8);
        state = new ResumeState(URL, 1024, 10 * 1024 - 1, verified, 77);
    }

    @Test
    void stateFileSitsNextToTheDownload() {
        assertEquals(directory.resolve("x.iso.arietta"), stateFile.path());
        assertEquals(directory.resolve("dir.arietta"), ResumeStateFile.pathFor(directory.resolve("dir")));
    }

    @Test
    void savesAndLoads() throws IOException {
        stateFile.save(state, () -> { });
        assertEquals(Optional.of(state), stateFile.load(URL, 1024, 10 * 1024 - 1));
        assertEquals(Optional.of(state), stateFile.read());
        assertEquals(List.of("x.iso.arietta"), listDirectory(), "temporary file left behind");
    }

    @Test
    void missingFileLoadsAsEmpty() throws IOException {
        assertEquals(Optional.empty(), stateFile.load(URL, 1024, 10 * 1024 - 1));
    }

    @Test
    void flushesDataBeforeWritingState() throws IOException {
        stateFile.save(state, () -> { });
        ResumeState newer = new ResumeState(URL, 1024, 10 * 1024 - 1, fullBitfield(10), 99);
        List<String> events = new ArrayList<>();
        stateFile.save(newer, () -> {
            events.add("flush");
            assertEquals(Optional.of(state), stateFile.read(), "state replaced before the data was flushed");
        });
        assertEquals(List.of("flush"), events);
        assertEquals(Optional.of(newer), stateFile.read());
    }

    @Test
    void failedFlushLeavesThePreviousStateUntouched() throws IOException {
        stateFile.save(state, () -> { });
        byte[] before = Files.readAllBytes(stateFile.path());
        IOException diskFull = new IOException("no space left on device");
        ResumeState newer = new ResumeState(URL, 1024, 10 * 1024 - 1, fullBitfield(10), 99);
        IOException thrown = assertThrows(IOException.class, () -> stateFile.save(newer, () -> {
            throw diskFull;
        }));
        assertSame(diskFull, thrown);
        assertArrayEquals(before, Files.readAllBytes(stateFile.path()));
        assertEquals(List.of("x.iso.arietta"), listDirectory());
    }

    @Test
    void failedRenameRemovesTheTemporaryFile() throws IOException {
        Files.createDirectory(stateFile.path());
        Files.writeString(stateFile.path().resolve("occupant"), "x");
        assertThrows(IOException.class, () -> stateFile.save(state, () -> { }));
        assertFalse(Files.exists(directory.resolve("x.iso.arietta.tmp")));
    }

    @Test
    void staleTemporaryFileIsOverwritten() throws IOException {
        Files.write(directory.resolve("x.iso.arietta.tmp"), new byte[100_000]);
        stateFile.save(state, () -> { });
        assertEquals(Optional.of(state), stateFile.read());
        assertEquals(List.of("x.iso.arietta"), listDirectory());
    }

    @Test
    void directoryIsForcedAfterTheRenameAndRefusalIsTolerated() throws IOException {
        List<Path> forced = new ArrayList<>();
        ResumeStateFile refusing = new ResumeStateFile(download, ResumeStateLimits.DEFAULTS, dir -> {
            forced.add(dir);
            assertTrue(Files.exists(stateFile.path()), "directory forced before the rename");
            throw new AccessDeniedException(dir.toString(), null, "directories cannot be opened here");
        });
        refusing.save(state, () -> { });
        assertEquals(List.of(directory.toAbsolutePath()), forced);
        assertEquals(Optional.of(state), refusing.read());
    }

    @Test
    void deleteRemovesStateAndTemporaryFiles() throws IOException {
        stateFile.save(state, () -> { });
        Files.write(directory.resolve("x.iso.arietta.tmp"), new byte[3]);
        stateFile.delete();
        assertEquals(List.of(), listDirectory());
        stateFile.delete();
    }

    @Test
    void identityMismatchIsTyped() throws IOException {
        stateFile.save(state, () -> { });
        ResumeStateException e = assertThrows(ResumeStateException.class,
                () -> stateFile.load(new ResumeIdentity.Url("https://example.org/y.iso"), 1024, 10 * 1024 - 1));
        assertEquals(Reason.IDENTITY_MISMATCH, e.reason());
        assertEquals(stateFile.path(), e.file());

        ResumeStateException infoHash = assertThrows(ResumeStateException.class,
                () -> stateFile.load(new ResumeIdentity.InfoHash(new byte[20]), 1024, 10 * 1024 - 1));
        assertEquals(Reason.IDENTITY_MISMATCH, infoHash.reason());
    }

    @Test
    void totalLengthChangeIsTyped() throws IOException {
        stateFile.save(state, () -> { });
        ResumeStateException e = assertThrows(ResumeStateException.class, () -> stateFile.load(URL, 1024, 10 * 1024));
        assertEquals(Reason.TOTAL_LENGTH_CHANGED, e.reason());
    }

    @Test
    void pieceLengthChangeCarriesErrorCode10() throws IOException {
        stateFile.save(state, () -> { });
        ResumeStateException e = assertThrows(ResumeStateException.class, () -> stateFile.load(URL, 2048, 10 * 1024 - 1));
        assertEquals(Reason.PIECE_LENGTH_CHANGED, e.reason());
        assertEquals(ErrorCode.PIECE_LENGTH_CHANGED, e.errorCode());
        assertEquals(10, e.errorCode().code());
    }

    @Test
    void truncatedAtEveryOffsetIsATypedError() throws IOException {
        stateFile.save(state, () -> { });
        byte[] valid = Files.readAllBytes(stateFile.path());
        for (int length = 0; length < valid.length; length++) {
            Files.write(stateFile.path(), Arrays.copyOf(valid, length));
            int at = length;
            ResumeStateException e = assertThrows(ResumeStateException.class,
                    () -> stateFile.load(URL, 1024, 10 * 1024 - 1), () -> "truncated to " + at);
            assertEquals(Reason.TRUNCATED, e.reason(), e.getMessage());
        }
    }

    @Test
    void flippedByteAtEveryOffsetIsATypedError() throws IOException {
        stateFile.save(state, () -> { });
        byte[] valid = Files.readAllBytes(stateFile.path());
        for (int offset = 0; offset < valid.length; offset++) {
            byte[] flipped = valid.clone();
            flipped[offset] ^= (byte) 0xFF;
            Files.write(stateFile.path(), flipped);
            int at = offset;
            assertThrows(ResumeStateException.class, () -> stateFile.load(URL, 1024, 10 * 1024 - 1),
                    () -> "flipped byte " + at);
            flipped[offset] ^= (byte) 0x01;
            Files.write(stateFile.path(), flipped);
            assertThrows(ResumeStateException.class, () -> stateFile.read(), () -> "changed byte " + at);
        }
    }

    @Test
    void oversizedFileIsRejectedBeforeReading() throws IOException {
        ResumeStateLimits small = new ResumeStateLimits(64, 80);
        ResumeStateFile limited = new ResumeStateFile(download, small);
        Files.write(limited.path(), new byte[(int) small.maxFileBytes() + 1]);
        ResumeStateException e = assertThrows(ResumeStateException.class, limited::read);
        assertEquals(Reason.TOO_LARGE, e.reason());
    }

    @Test
    void saveRefusesAStateItCouldNotReadBack() {
        ResumeStateFile limited = new ResumeStateFile(download, new ResumeStateLimits(10, 1 << 20));
        assertThrows(IllegalArgumentException.class, () -> limited.save(state, () -> { }));
        assertFalse(Files.exists(limited.path()));
    }

    private static Bitfield fullBitfield(int size) {
        Bitfield bitfield = new Bitfield(size);
        bitfield.setAll();
        return bitfield;
    }

    private List<String> listDirectory() throws IOException {
        try (var entries = Files.list(directory)) {
            return entries.map(path -> path.getFileName().toString()).filter(name -> !name.equals("x.iso")).sorted().toList();
        }
    }
}
