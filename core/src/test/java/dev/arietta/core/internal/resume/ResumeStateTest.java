package dev.arietta.core.internal.resume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arietta.core.internal.piece.Bitfield;
import org.junit.jupiter.api.Test;

class ResumeStateTest {

    private static final ResumeIdentity URL = new ResumeIdentity.Url("http://a/b");

    @Test
    void bitfieldIsCopiedInAndOut() {
        Bitfield verified = new Bitfield(4);
        ResumeState state = new ResumeState(URL, 10, 40, verified, 0);
        verified.set(0);
        state.verifiedPieces().set(1);
        assertFalse(state.verifiedPieces().get(0));
        assertFalse(state.verifiedPieces().get(1));
        assertEquals(4, state.pieceCount());
    }

    @Test
    void rejectsInconsistentValues() {
        assertThrows(IllegalArgumentException.class, () -> new ResumeState(URL, 10, 41, new Bitfield(4), 0));
        assertThrows(IllegalArgumentException.class, () -> new ResumeState(URL, 0, 0, new Bitfield(0), 0));
        assertThrows(IllegalArgumentException.class, () -> new ResumeState(URL, 10, -1, new Bitfield(0), 0));
        assertThrows(IllegalArgumentException.class, () -> new ResumeState(URL, 10, 40, new Bitfield(4), -1));
        assertThrows(IllegalArgumentException.class, () -> new ResumeIdentity.InfoHash(new byte[21]));
        assertThrows(IllegalArgumentException.class, () -> new ResumeIdentity.Url(""));
        assertThrows(IllegalArgumentException.class, () -> new ResumeStateLimits(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ResumeStateLimits(65536, 1));
        assertThrows(IllegalArgumentException.class, () -> new ResumeStateLimits(1, 0));
    }

    @Test
    void identitiesCompareByValue() {
        assertEquals(new ResumeIdentity.InfoHash(new byte[20]), new ResumeIdentity.InfoHash(new byte[20]));
        assertNotEquals(new ResumeIdentity.InfoHash(new byte[20]), new ResumeIdentity.InfoHash(new byte[32]));
        assertEquals(new ResumeIdentity.InfoHash(new byte[20]).hashCode(), new ResumeIdentity.InfoHash(new byte[20]).hashCode());
        byte[] bytes = new byte[20];
        ResumeIdentity.InfoHash infoHash = new ResumeIdentity.InfoHash(bytes);
        bytes[0] = 1;
        infoHash.bytes()[1] = 1;
        assertEquals(new ResumeIdentity.InfoHash(new byte[20]), infoHash);
    }
}
