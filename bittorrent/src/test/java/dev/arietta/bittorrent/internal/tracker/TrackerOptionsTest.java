package dev.arietta.bittorrent.internal.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** aria2's bt-tracker and bt-exclude-tracker applied to a torrent's tiers. */
class TrackerOptionsTest {

    private static final List<List<String>> TIERS = List.of(List.of("http://a/announce", "udp://b:1"),
            List.of("http://c/announce"));

    @Test
    void excludesUrlsDropsEmptyTiersAndAppendsExtraTrackersAsTiers() {
        assertEquals(List.of(List.of("udp://b:1"), List.of("http://x/announce"), List.of("udp://y:2")),
                TrackerOptions.apply(TIERS, List.of("http://x/announce", "udp://y:2"),
                        List.of("http://a/announce", "http://c/announce")));
    }

    @Test
    void starExcludesEveryTorrentTrackerButNotTheExtraOnes() {
        assertEquals(List.of(List.of("http://c/announce")),
                TrackerOptions.apply(TIERS, List.of("http://c/announce"), List.of("*")));
        assertEquals(List.of(), TrackerOptions.apply(TIERS, List.of(), List.of("*")));
    }

    @Test
    void duplicatesAreAnnouncedOnce() {
        assertEquals(List.of(List.of("http://a/announce", "udp://b:1"), List.of("http://c/announce")),
                TrackerOptions.apply(TIERS, List.of("udp://b:1", " "), List.of()));
    }

    @Test
    void splitsCommaSeparatedOptionValues() {
        assertEquals(List.of("http://x/a", "udp://y:1"), TrackerOptions.splitList(" http://x/a,,udp://y:1 , "));
        assertEquals(List.of(), TrackerOptions.splitList(""));
    }
}
