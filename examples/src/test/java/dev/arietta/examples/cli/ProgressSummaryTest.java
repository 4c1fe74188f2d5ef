package dev.arietta.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressSummaryTest {

    private static final ZonedDateTime WHEN = ZonedDateTime.of(2026, 12, 3, 15, 44, 32, 0, ZoneOffset.UTC);

    @Test
    void eachActiveDownloadWithItsFileBetweenRulesAsAria2PrintsIt() {
        // aria2c 1.36 with --summary-interval=1, two downloads, --human-readable=false.
        List<ProgressSummary.Item> items = List.of(
                new ProgressSummary.Item(new ProgressEntry("4de6d20000000001", 3_000_000, 196_608, 104_802, 0, 0, 1),
                        "out/big.bin"),
                new ProgressSummary.Item(new ProgressEntry("1d0fcd0000000002", 300_000, 196_608, 104_802, 0, 0, 1),
                        "out/small.bin"));
        String rule = "-".repeat(79);
        assertEquals(" *** Download Progress Summary as of Thu Dec  3 15:44:32 2026 *** \n"
                + "=".repeat(79) + "\n"
                + "[#4de6d2 196608B/3000000B(6%) CN:1 DL:104802B ETA:26s]\n"
                + "FILE: out/big.bin\n"
                + rule + "\n"
                + "[#1d0fcd 196608B/300000B(65%) CN:1 DL:104802B]\n"
                + "FILE: out/small.bin\n"
                + rule + "\n"
                + "\n", ProgressSummary.render(items, WHEN, new ConsoleStyle(false, false)));
    }

    @Test
    void nothingActivePrintsNothing() {
        assertEquals("", ProgressSummary.render(List.of(), WHEN, ConsoleStyle.PLAIN));
    }
}
