package dev.arietta.core.internal.picker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.core.internal.piece.BlockState;
import dev.arietta.core.internal.piece.PieceGeometry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A random swarm drives the picker through joins, HAVEs, departures, picks, arrivals, hash
 * failures and priority changes; the picker's invariants and promises are checked all along,
 * and the download must finish.
 */
class PiecePickerSimulationTest {

    private static final int PIECES = 150;
    private static final int PEERS = 12;

    @ParameterizedTest
    @EnumSource(PieceOrder.class)
    void randomSwarmFinishesWithoutBreakingAPromise(PieceOrder order) {
        Random random = new Random(order.ordinal() * 1000L + 7);
        // Last piece short: 2 full blocks and a 100-byte one.
        PieceGeometry geometry = new PieceGeometry((PIECES - 1L) * 3 * PickerFixtures.BLOCK
                + 2 * PickerFixtures.BLOCK + 100, 3 * PickerFixtures.BLOCK);
        PiecePicker picker = new PiecePicker(geometry, null, PickerOptions.defaults().withMaxRequestsPerBlock(3),
                new Random(random.nextLong()));
        picker.setOrder(order);
        Bitfield[] peers = new Bitfield[PEERS];
        boolean[] connected = new boolean[PEERS];
        List<Set<Long>> outstanding = new ArrayList<>();
        for (int p = 0; p < PEERS; p++) {
            outstanding.add(new LinkedHashSet<>());
        }
        long[] out = new long[16];
        int[] cancels = new int[3];
        int[] suppliers = new int[3];

        for (int step = 0; step < 200_000 && !picker.isFinished(); step++) {
            int p = random.nextInt(PEERS);
            int action = random.nextInt(100);
            if (!connected[p]) {
                peers[p] = new Bitfield(PIECES);
                for (int piece = 0; piece < PIECES; piece++) {
                    if (random.nextInt(3) == 0) {
                        peers[p].set(piece);
                    }
                }
                picker.peerJoined(peers[p]);
                connected[p] = true;
            } else if (action < 3) {
                picker.abortAllRequests(p);
                outstanding.get(p).clear();
                picker.peerLeft(peers[p]);
                connected[p] = false;
            } else if (action < 25) {
                picker.peerHave(peers[p], random.nextInt(PIECES));
            } else if (action < 50) {
                boolean endGame = picker.isEndGame();
                int count = picker.pickBlocks(peers[p], p, 1 + random.nextInt(out.length), out);
                for (int i = 0; i < count; i++) {
                    int piece = BlockAddress.piece(out[i]);
                    int block = BlockAddress.block(out[i]);
                    assertTrue(peers[p].get(piece), "peer lacks piece " + piece);
                    assertFalse(picker.isVerified(piece), "verified piece " + piece + " picked");
                    assertNotEquals(PiecePicker.SKIP, picker.priority(piece), "skipped piece " + piece + " picked");
                    assertEquals(BlockState.REQUESTED, picker.blockState(piece, block));
                    assertTrue(outstanding.get(p).add(out[i]), "block " + BlockAddress.toString(out[i])
                            + " requested twice from " + p);
                    if (!endGame && picker.requestCount(piece, block) > 1) {
                        assertTrue(picker.isEndGame(), "duplicate request outside end-game");
                    }
                }
            } else if (action < 85) {
                deliver(picker, p, outstanding, random, cancels, suppliers);
            } else if (action < 90 && !outstanding.get(p).isEmpty()) {
                long address = outstanding.get(p).iterator().next();
                outstanding.get(p).remove(address);
                assertTrue(picker.abortRequest(BlockAddress.piece(address), BlockAddress.block(address), p));
            } else if (action < 93) {
                int piece = random.nextInt(PIECES);
                picker.setPiecePriority(piece, 1 + random.nextInt(7));
            } else if (action < 95) {
                picker.setPieceDeadline(random.nextInt(PIECES), random.nextInt(1000));
            } else if (action < 96) {
                int first = random.nextInt(PIECES);
                picker.setPriorityRange(first, Math.min(PIECES, first + random.nextInt(100)), 1 + random.nextInt(7));
            }
            if (step % 2000 == 0) {
                picker.checkInvariants();
            }
        }
        picker.checkInvariants();
        assertTrue(picker.isFinished(), order + ": download did not finish");
        assertEquals(PIECES, picker.verifiedCount());
    }

    // The peer delivers one of its outstanding blocks; a finished piece is hash checked,
    // failing now and then.
    private static void deliver(PiecePicker picker, int p, List<Set<Long>> outstanding, Random random,
            int[] cancels, int[] suppliers) {
        if (outstanding.get(p).isEmpty()) {
            return;
        }
        long address = outstanding.get(p).iterator().next();
        outstanding.get(p).remove(address);
        int piece = BlockAddress.piece(address);
        int block = BlockAddress.block(address);
        int count = picker.blockReceived(piece, block, p, cancels);
        if (count == PiecePicker.BLOCK_NOT_NEEDED) {
            return;
        }
        for (int i = 0; i < count; i++) {
            assertTrue(outstanding.get(cancels[i]).remove(address), "cancel for a block " + cancels[i] + " was not asked");
        }
        if (!picker.blockWritten(piece, block)) {
            return;
        }
        if (random.nextInt(10) == 0) {
            int blamed = picker.pieceFailed(piece, suppliers);
            assertTrue(blamed >= 1 && blamed <= 3);
            for (Set<Long> requests : outstanding) {
                requests.removeIf(request -> BlockAddress.piece(request) == piece);
            }
        } else {
            assertTrue(picker.pieceVerified(piece));
        }
    }
}
