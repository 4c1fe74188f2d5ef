package dev.arietta.core.internal.piece;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PartialPiecesTest {

    @Test
    void finishedPiecesReturnTheirObjectToThePool() {
        PartialPieces pieces = new PartialPieces(4, 1);
        PartialPiece first = pieces.begin(3, 4);
        pieces.finish(first);
        assertEquals(-1, first.piece());
        PartialPiece second = pieces.begin(9, 2);
        assertSame(first, second, "pooled object reused");
        assertEquals(9, second.piece());
        assertEquals(2, second.unrequestedBlocks());
    }

    @Test
    void indexMatchesAMapThroughManyStartsAndFinishes() {
        PartialPieces pieces = new PartialPieces(1, 1);
        Map<Integer, PartialPiece> model = new HashMap<>();
        Random random = new Random(7);
        for (int step = 0; step < 20_000; step++) {
            // Clustered indexes make probe chains collide and wrap.
            int piece = random.nextInt(300) * (random.nextBoolean() ? 1 : 1024);
            PartialPiece existing = model.get(piece);
            if (existing == null) {
                model.put(piece, pieces.begin(piece, 1));
            } else {
                pieces.finish(existing);
                model.remove(piece);
            }
            if (step % 500 == 0) {
                for (int probe = 0; probe < 300; probe++) {
                    assertSame(model.get(probe), pieces.find(probe), "piece " + probe);
                    assertSame(model.get(probe * 1024), pieces.find(probe * 1024), "piece " + probe * 1024);
                }
            }
        }
        assertEquals(model.size(), pieces.size());
        Set<Integer> listed = new HashSet<>();
        for (int i = 0; i < pieces.size(); i++) {
            listed.add(pieces.get(i).piece());
        }
        assertEquals(model.keySet(), listed);
    }

    @Test
    void requestableListTracksPiecesWithUnrequestedBlocks() {
        PartialPieces pieces = new PartialPieces(2, 2);
        PartialPiece a = pieces.begin(1, 2);
        PartialPiece b = pieces.begin(2, 1);
        assertEquals(2, pieces.requestableCount());
        b.request(0, 5);
        assertEquals(1, pieces.requestableCount());
        assertSame(a, pieces.requestable(0));
        b.request(0, 6);
        b.abortRequest(0, 5);
        assertEquals(1, pieces.requestableCount(), "still requested from 6");
        b.abortRequest(0, 6);
        assertEquals(2, pieces.requestableCount());
        a.request(0, 1);
        a.request(1, 1);
        pieces.finish(a);
        assertEquals(1, pieces.requestableCount());
        assertSame(b, pieces.requestable(0));
    }

    @Test
    void misuseIsRejected() {
        PartialPieces pieces = new PartialPieces(4, 1);
        PartialPiece piece = pieces.begin(1, 4);
        assertEquals("piece 1 is already in progress",
                assertThrows(IllegalStateException.class, () -> pieces.begin(1, 4)).getMessage());
        assertEquals("piece 2 has 5 blocks, limit 4",
                assertThrows(IllegalArgumentException.class, () -> pieces.begin(2, 5)).getMessage());
        assertEquals("maxRequestersPerBlock 128 outside 1..127",
                assertThrows(IllegalArgumentException.class, () -> new PartialPieces(1, 128)).getMessage());
        pieces.finish(piece);
        assertThrows(IllegalStateException.class, () -> pieces.finish(piece));
        assertNull(pieces.find(1));
        assertEquals(0, pieces.size());
    }
}
