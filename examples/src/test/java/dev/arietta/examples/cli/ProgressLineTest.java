package dev.arietta.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    @Test
    void oneDownloadAsAria2() {
        ProgressEntry entry = new ProgressEntry("2089b0c1d2e3f405", GIB, 400 * MIB, 112 * MIB, 0, 0, 8);
        assertEquals("[#2089b0 400MiB/1.0GiB(39%) CN:8 DL:112MiB ETA:5s]",
                ProgressLine.render(List.of(entry), 112 * MIB, 0, 0));
    }

    @Test
    void oneDownloadWithBar() {
        ProgressEntry entry = new ProgressEntry("2089b0c1d2e3f405", GIB, 400 * MIB, 112 * MIB, 0, 0, 8);
        assertEquals("[#2089b0 ###------- 400MiB/1.0GiB(39%) CN:8 DL:112MiB ETA:5s]",
                ProgressLine.render(List.of(entry), 112 * MIB, 0, 10));
    }

    @Test
    void longEtaInHoursMinutesSeconds() {
        ProgressEntry entry = new ProgressEntry("0123456789abcdef", 10 * GIB, 0, 1_000_000, 0, 0, 1);
        assertEquals("[#012345 0B/10GiB(0%) CN:1 DL:0.9MiB ETA:2h58m57s]",
                ProgressLine.render(List.of(entry), 1_000_000, 0, 0));
    }

    @Test
    void unknownLengthHasNoPercentNorEta() {
        ProgressEntry entry = new ProgressEntry("0123456789abcdef", -1, 1536, 2048, 0, 0, 1);
        assertEquals("[#012345 1.5KiB/0B CN:1 DL:2.0KiB]", ProgressLine.render(List.of(entry), 2048, 0, 20));
    }

    @Test
    void finishedDropsSpeedAndEta() {
        ProgressEntry entry = new ProgressEntry("0123456789abcdef", 16 * MIB, 16 * MIB, 5 * MIB, 0, 0, 0);
        assertEquals("[#012345 ########## 16MiB/16MiB(100%) CN:0]",
                ProgressLine.render(List.of(entry), 0, 0, 10));
    }

    @Test
    void uploadShownWhenSomethingWasUploaded() {
        ProgressEntry entry = new ProgressEntry("0123456789abcdef", 4 * MIB, 2 * MIB, 1024, 3 * MIB, 512, 3);
        assertEquals("[#012345 2.0MiB/4.0MiB(50%) CN:3 DL:1.0KiB UL:512B(3.0MiB) ETA:34m8s]",
                ProgressLine.render(List.of(entry), 1024, 512, 0));
    }

    @Test
    void severalDownloadsCompactWithOverflowCount() {
        List<ProgressEntry> active = List.of(
                new ProgressEntry("aaaaaa0000000001", 10 * MIB, 5 * MIB, MIB, 0, 0, 2),
                new ProgressEntry("bbbbbb0000000002", -1, 0, 0, 0, 0, 1),
                new ProgressEntry("cccccc0000000003", 100, 1, 0, 0, 0, 1),
                new ProgressEntry("dddddd0000000004", 100, 2, 0, 0, 0, 1),
                new ProgressEntry("eeeeee0000000005", 100, 3, 0, 0, 0, 1),
                new ProgressEntry("ffffff0000000006", 100, 4, 0, 0, 0, 1),
                new ProgressEntry("999999000000000a", 100, 5, 0, 0, 0, 1));
        assertEquals("[DL:1.0MiB][#aaaaaa 5.0MiB/10MiB(50%)][#bbbbbb 0B/0B][#cccccc 1B/100B(1%)]"
                        + "[#dddddd 2B/100B(2%)][#eeeeee 3B/100B(3%)](+2)",
                ProgressLine.render(active, MIB, 0, 10));
    }

    @Test
    void severalDownloadsShowOverallUpload() {
        List<ProgressEntry> active = List.of(
                new ProgressEntry("aaaaaa0000000001", 100, 50, 10, 0, 0, 1),
                new ProgressEntry("bbbbbb0000000002", 100, 25, 10, 0, 0, 1));
        assertEquals("[DL:20B UL:1.0KiB][#aaaaaa 50B/100B(50%)][#bbbbbb 25B/100B(25%)]",
                ProgressLine.render(active, 20, 1024, 0));
    }

    @Test
    void nothingActiveShowsNothing() {
        assertEquals("", ProgressLine.render(List.of(), 0, 0, 10));
    }

    private static final String E = "\u001b[";

    @Test
    void coloredAsAria2ColorsItOnATerminal() {
        // Captured from aria2c 1.36 on a terminal: brackets magenta, percent cyan, speed green, ETA yellow.
        ProgressEntry entry = new ProgressEntry("7af1180000000001", 2_929_688, 1024 * 1024, 527_360, 0, 0, 1);
        ConsoleStyle colored = new ConsoleStyle(true, true);
        assertEquals(E + "35m[" + E + "0m#7af118 1.0MiB/2.7MiB" + E + "36m(35%)" + E + "0m CN:1 DL:" + E + "32m515KiB"
                + E + "0m ETA:" + E + "33m3s" + E + "0m" + E + "35m]" + E + "0m",
                ProgressLine.render(List.of(entry), 527_360, 0, 0, colored));
        List<ProgressEntry> two = List.of(entry, new ProgressEntry("98ee9a0000000002", 300_000, 16_384, 0, 0, 0, 1));
        assertEquals(E + "35m[" + E + "0mDL:" + E + "32m515KiB" + E + "0m" + E + "35m]" + E + "0m"
                + E + "35m[" + E + "0m#7af118 1.0MiB/2.7MiB" + E + "36m(35%)" + E + "0m" + E + "35m]" + E + "0m"
                + E + "35m[" + E + "0m#98ee9a 16KiB/292KiB" + E + "36m(5%)" + E + "0m" + E + "35m]" + E + "0m",
                ProgressLine.render(two, 527_360, 0, 0, colored));
    }

    @Test
    void plainByteCountsWithoutHumanReadable() {
        // As aria2c --human-readable=false prints them: bytes, no grouping.
        ProgressEntry entry = new ProgressEntry("4de6d20000000001", 3_000_000, 196_608, 104_802, 0, 0, 1);
        ConsoleStyle plain = new ConsoleStyle(false, false);
        assertEquals("[#4de6d2 196608B/3000000B(6%) CN:1 DL:104802B ETA:26s]",
                ProgressLine.render(List.of(entry), 104_802, 0, 0, plain));
        List<ProgressEntry> two = List.of(entry, new ProgressEntry("1d0fcd0000000002", 300_000, 0, 0, 0, 0, 1));
        assertEquals("[DL:209605B][#4de6d2 196608B/3000000B(6%)][#1d0fcd 0B/300000B(0%)]",
                ProgressLine.render(two, 209_605, 0, 0, plain));
    }
}
