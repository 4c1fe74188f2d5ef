package dev.arietta.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arietta.Options;
import dev.arietta.bittorrent.internal.swarm.SwarmSettings;
import dev.arietta.bittorrent.metainfo.InfoHash;
import dev.arietta.bittorrent.metainfo.TorrentFile;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How aria2 options become a swarm's settings. */
class EngineSettingsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            60  | 2000
            2   | 2000
            1   | 1000
            0   | 0
            """)
    void resumeStateIsSavedAtLeastEveryTwoSecondsAndZeroMeansOnlyOnStop(int autoSaveSeconds, long expectedMillis) {
        assertEquals(Duration.ofMillis(expectedMillis),
                EngineSettings.resumeSaveInterval(Duration.ofSeconds(autoSaveSeconds)));
    }

    @Test
    void aTorrentsSwarmTakesAutoSaveInterval() {
        TorrentMetainfo metainfo = new TorrentMetainfo(InfoHash.of(new byte[20]), "f", 16384, new byte[20],
                List.of(TorrentFile.of(List.of("f"), 10, 0)), false, List.of(), List.of(), List.of(), false,
                Optional.empty(), Optional.empty(), Optional.empty(), new byte[1]);
        SwarmSettings settings = EngineSettings.swarm(Options.of("auto-save-interval", "0"), metainfo, 0, List.of());
        assertEquals(Duration.ZERO, settings.resumeSaveInterval());
    }
}
