package dev.arietta.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsTableTest {

    private static final String HEADER = "\nDownload Results:\n"
            + "gid   |stat|avg speed  |path/URI\n"
            + "======+====+===========+=======================================================\n";

    @Test
    void oneCompletedDownload() {
        ResultRow row = new ResultRow("2089b0c1d2e3f405", ResultStatus.OK, ErrorCode.FINISHED, 112L << 20,
                "/downloads/file.iso");
        assertEquals(HEADER
                + "2089b0|OK  |   112MiB/s|/downloads/file.iso\n"
                + "\nStatus Legend:\n"
                + "(OK):download completed.\n", ResultsTable.render(List.of(row)));
    }

    @Test
    void everyStatusInStopOrderWithLegendInAria2Order() {
        List<ResultRow> rows = List.of(
                new ResultRow("7c0f3a0000000001", ResultStatus.ERR, ErrorCode.RESOURCE_NOT_FOUND, -1,
                        "http://127.0.0.1:8080/missing"),
                new ResultRow("2089b00000000002", ResultStatus.OK, ErrorCode.FINISHED, 1536, "/tmp/a.bin"),
                new ResultRow("33aa550000000003", ResultStatus.RM, ErrorCode.FINISHED, 0, "/tmp/b.bin"),
                new ResultRow("44bb660000000004", ResultStatus.INPR, ErrorCode.IN_PROGRESS, 3L << 30,
                        "/tmp/c.bin (2 more)"));
        assertEquals(HEADER
                + "7c0f3a|ERR |        n/a|http://127.0.0.1:8080/missing\n"
                + "2089b0|OK  |   1.5KiB/s|/tmp/a.bin\n"
                + "33aa55|RM  |       0B/s|/tmp/b.bin\n"
                + "44bb66|INPR|   3.0GiB/s|/tmp/c.bin (2 more)\n"
                + "\nStatus Legend:\n"
                + "(OK):download completed.(ERR):error occurred.(INPR):download in-progress.(RM):download removed.\n",
                ResultsTable.render(rows));
    }

    @Test
    void noRowsNoLegend() {
        assertEquals(HEADER, ResultsTable.render(List.of()));
    }

    @Test
    void statusesColoredAsAria2ColorsThemOnATerminal() {
        String e = "\u001b[";
        List<ResultRow> rows = List.of(
                new ResultRow("8bd85f0000000001", ResultStatus.ERR, ErrorCode.RESOURCE_NOT_FOUND, 0, "http://h/x"),
                new ResultRow("43386a0000000002", ResultStatus.OK, ErrorCode.FINISHED, 943_718, "out/big.bin"),
                new ResultRow("33aa550000000003", ResultStatus.RM, ErrorCode.FINISHED, 0, "/tmp/b.bin"),
                new ResultRow("44bb660000000004", ResultStatus.INPR, ErrorCode.IN_PROGRESS, 0, "/tmp/c.bin"));
        String table = ResultsTable.render(rows, new ConsoleStyle(true, true));
        assertTrue(table.contains("8bd85f|" + e + "1;31mERR" + e + "0m |       0B/s|http://h/x\n"), table);
        assertTrue(table.contains("43386a|" + e + "1;32mOK" + e + "0m  |   921KiB/s|out/big.bin\n"), table);
        assertTrue(table.contains("33aa55|" + e + "1mRM" + e + "0m  |"), table);
        assertTrue(table.contains("44bb66|" + e + "1;34mINPR" + e + "0m|"), table);
        assertTrue(table.contains("\n(OK):download completed.(ERR):error occurred."), "the legend stays plain");
    }
}
