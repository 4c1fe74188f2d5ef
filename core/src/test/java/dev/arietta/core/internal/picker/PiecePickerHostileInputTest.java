package dev.arietta.core.internal.picker;

import static dev.arietta.core.internal.picker.PickerFixtures.bits;
import static dev.arietta.core.internal.picker.PickerFixtures.full;
import static dev.arietta.core.internal.picker.PickerFixtures.picker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.core.internal.piece.PieceGeometry;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input from peers or a confused caller maps to one exact error each, and leaves the
 * picker consistent. The picker under test has 8 pieces of 2 blocks; piece 0 is in progress.
 */
class PiecePickerHostileInputTest {

    static Stream<Arguments> badCalls() {
        return Stream.of(
                bad("HAVE beyond the last piece", IllegalArgumentException.class,
                        "HAVE for piece 8 but the torrent has 8 pieces", p -> p.peerHave(new Bitfield(8), 8)),
                bad("HAVE with a negative index", IllegalArgumentException.class,
                        "HAVE for piece -1 but the torrent has 8 pieces", p -> p.peerHave(new Bitfield(8), -1)),
                bad("HAVE huge index", IllegalArgumentException.class,
                        "HAVE for piece 2147483647 but the torrent has 8 pieces",
                        p -> p.peerHave(new Bitfield(8), Integer.MAX_VALUE)),
                bad("DONT_HAVE beyond the last piece", IllegalArgumentException.class,
                        "DONT_HAVE for piece 9 but the torrent has 8 pieces", p -> p.peerDontHave(new Bitfield(8), 9)),
                bad("bitfield too short on join", IllegalArgumentException.class,
                        "peer bitfield has 7 pieces, torrent has 8", p -> p.peerJoined(new Bitfield(7))),
                bad("bitfield too long on join", IllegalArgumentException.class,
                        "peer bitfield has 64 pieces, torrent has 8", p -> p.peerJoined(new Bitfield(64))),
                bad("bitfield of the wrong size on leave", IllegalArgumentException.class,
                        "peer bitfield has 9 pieces, torrent has 8", p -> p.peerLeft(new Bitfield(9))),
                bad("bitfield of the wrong size on HAVE", IllegalArgumentException.class,
                        "peer bitfield has 16 pieces, torrent has 8", p -> p.peerHave(new Bitfield(16), 1)),
                bad("bitfield of the wrong size on pick", IllegalArgumentException.class,
                        "peer bitfield has 0 pieces, torrent has 8",
                        p -> p.pickBlocks(new Bitfield(0), 1, 1, new long[1])),
                bad("more blocks than the buffer holds", IllegalArgumentException.class,
                        "maxBlocks 5 outside 0..4 (buffer length)", p -> p.pickBlocks(full(8), 1, 5, new long[4])),
                bad("negative source", IllegalArgumentException.class,
                        "negative source id -2", p -> p.pickBlocks(full(8), -2, 1, new long[1])),
                bad("block beyond the piece", IllegalArgumentException.class,
                        "block 2 of piece 0 (2 blocks)", p -> p.blockReceived(0, 2, 1, new int[2])),
                bad("block of a piece not in progress beyond the piece", IllegalArgumentException.class,
                        "block 7 of piece 3 (2 blocks)", p -> p.blockReceived(3, 7, 1, new int[2])),
                bad("piece beyond the torrent", IllegalArgumentException.class,
                        "piece 8 outside 0..7", p -> p.blockReceived(8, 0, 1, new int[2])),
                bad("cancel buffer too small", IllegalArgumentException.class,
                        "cancel buffer of 1 < 2 requesters per block", p -> p.blockReceived(0, 0, 1, new int[1])),
                bad("write of a block whose data never came", IllegalStateException.class,
                        "piece 0 block 1 written while REQUESTED", p -> p.blockWritten(0, 1)),
                bad("write for a piece not in progress", IllegalStateException.class,
                        "piece 5 written but it is not in progress", p -> p.blockWritten(5, 0)),
                bad("hash failure of a piece not in progress", IllegalStateException.class,
                        "piece 5 failed its hash check but it is not in progress", p -> p.pieceFailed(5, new int[2])),
                bad("priority above 7", IllegalArgumentException.class,
                        "priority 8 outside 0..7", p -> p.setPiecePriority(1, 8)),
                bad("negative priority in a bulk update", IllegalArgumentException.class,
                        "priority -1 outside 0..7", p -> p.setPiecePriorities(new byte[] {1, 1, 1, -1, 1, 1, 1, 1})),
                bad("priorities for the wrong piece count", IllegalArgumentException.class,
                        "7 priorities for 8 pieces", p -> p.setPiecePriorities(new byte[7])),
                bad("priority range past the end", IllegalArgumentException.class,
                        "piece range [4, 9) outside 0..8", p -> p.setPriorityRange(4, 9, 1)),
                bad("seed leaving when none joined", IllegalStateException.class,
                        "seed left but no seed is counted", PiecePicker::seedLeft),
                bad("peer becoming a seed when none joined", IllegalStateException.class,
                        "peer became a seed but no non-seed peer is counted", p -> p.peerBecameSeed(new Bitfield(8))),
                bad("peer leaving when none joined", IllegalStateException.class,
                        "peer left but no non-seed peer is counted", p -> p.peerLeft(new Bitfield(8))),
                bad("web seed run of no pieces", IllegalArgumentException.class,
                        "maxPieces 0 < 1", p -> p.claimWebSeedRun(1, 0)));
    }

    private static Arguments bad(String name, Class<? extends RuntimeException> type, String message,
            Consumer<PiecePicker> call) {
        return Arguments.of(Named.of(name, call), type, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCalls")
    void badCallsFailWithContextAndLeaveThePickerIntact(Consumer<PiecePicker> call,
            Class<? extends RuntimeException> type, String message) {
        PiecePicker picker = picker(8, 2, 1);
        picker.setPieceDeadline(0, 0);
        picker.pickBlocks(full(8), 1, 2, new long[2]);
        RuntimeException error = assertThrows(type, () -> call.accept(picker));
        assertEquals(message, error.getMessage());
        picker.checkInvariants();
        assertEquals(1, picker.piecesInProgress());
    }

    @Test
    void verifiedBitfieldOfTheWrongSizeIsRejected() {
        PieceGeometry geometry = new PieceGeometry(8L * 16 * 1024, 16 * 1024);
        assertEquals("verified bitfield has 9 pieces, torrent has 8",
                assertThrows(IllegalArgumentException.class,
                        () -> new PiecePicker(geometry, new Bitfield(9), PickerOptions.defaults(), new Random(1)))
                        .getMessage());
    }

    @Test
    void dataForPiecesNobodyAskedForIsNotNeeded() {
        PiecePicker picker = picker(4, 2, 1);
        int[] cancels = new int[2];
        assertEquals(PiecePicker.BLOCK_NOT_NEEDED, picker.blockReceived(2, 0, 1, cancels));
        assertEquals(0, picker.piecesInProgress());
        picker.checkInvariants();
    }

    @Test
    void askingForAPieceWeAlreadyHaveChangesNothing() {
        PieceGeometry geometry = new PieceGeometry(4L * 16 * 1024, 16 * 1024);
        PiecePicker picker = new PiecePicker(geometry, bits(4, 1), PickerOptions.defaults(), new Random(1));
        assertFalse(picker.markRequested(1, 0, 3));
        assertFalse(picker.setPieceDeadline(1, 5));
        assertFalse(picker.pieceVerified(1));
        assertEquals(PiecePicker.BLOCK_NOT_NEEDED, picker.blockReceived(1, 0, 3, new int[2]));
        assertFalse(picker.abortRequest(1, 0, 3));
        assertEquals(0, picker.piecesInProgress());
        long[] out = new long[4];
        assertEquals(0, picker.pickBlocks(bits(4, 1), 3, 4, out), "the peer only has what we have");
        picker.checkInvariants();
    }

    @Test
    void badOptionsAreRejected() {
        assertEquals("maxRequestsPerBlock 0 outside 1..127",
                assertThrows(IllegalArgumentException.class, () -> PickerOptions.defaults().withMaxRequestsPerBlock(0))
                        .getMessage());
        assertEquals("gapFillCompletion NaN outside 0..1",
                assertThrows(IllegalArgumentException.class, () -> PickerOptions.defaults().withGapFill(Double.NaN, 1))
                        .getMessage());
        assertEquals("gapFillOneIn 0 < 1",
                assertThrows(IllegalArgumentException.class, () -> PickerOptions.defaults().withGapFill(0.5, 0))
                        .getMessage());
    }
}
