package dev.arietta.bittorrent.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arietta.bittorrent.metainfo.InfoHash;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AllowedFastSetTest {

    private static final InfoHash AAAA = InfoHash.ofHex("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");

    /** BEP 6's example results: 1313 pieces, info-hash 0xAA…, peer 80.4.4.200. */
    @Test
    void matchesTheSpecExamples() throws Exception {
        InetAddress peer = InetAddress.getByName("80.4.4.200");
        assertArrayEquals(new int[] {1059, 431, 808, 1217, 287, 376, 1188}, AllowedFastSet.generate(7, 1313, AAAA, peer));
        assertArrayEquals(new int[] {1059, 431, 808, 1217, 287, 376, 1188, 353, 508},
                AllowedFastSet.generate(9, 1313, AAAA, peer));
    }

    @Test
    void sameSlashTwentyFourSameSet() throws Exception {
        assertArrayEquals(AllowedFastSet.generate(10, 1313, AAAA, InetAddress.getByName("80.4.4.200")),
                AllowedFastSet.generate(10, 1313, AAAA, InetAddress.getByName("80.4.4.1")));
    }

    @Test
    void smallTorrentGivesEveryPieceOnce() throws Exception {
        int[] set = AllowedFastSet.generate(10, 3, AAAA, InetAddress.getByName("10.0.0.1"));
        assertEquals(3, set.length);
        assertArrayEquals(new int[] {0, 1, 2}, java.util.Arrays.stream(set).sorted().toArray());
    }

    @Test
    void ipv6PeersGetNoSet() throws Exception {
        assertEquals(0, AllowedFastSet.generate(10, 1313, AAAA, InetAddress.getByName("::1")).length);
        assertThrows(IllegalArgumentException.class,
                () -> AllowedFastSet.generate(10, 0, AAAA, InetAddress.getByName("10.0.0.1")));
    }
}
