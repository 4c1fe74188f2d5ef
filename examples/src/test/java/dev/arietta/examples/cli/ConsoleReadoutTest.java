package dev.arietta.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleReadoutTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void terminalRedrawsOneLineAndBlanksLeftovers() {
        ConsoleReadout readout = new ConsoleReadout(out, true);
        readout.show("[#aaaaaa 1B/10B(10%)]");
        readout.show("[#aaaaaa 5B/10B(50%) CN:1]");
        readout.show("[#aaaaaa 10B]");
        readout.clear();
        assertTrue(readout.isTerminal());
        assertEquals("\r[#aaaaaa 1B/10B(10%)]"
                + "\r[#aaaaaa 5B/10B(50%) CN:1]"
                + "\r[#aaaaaa 10B]" + " ".repeat(13)
                + "\r" + " ".repeat(13) + "\r", text());
    }

    @Test
    void colorCodesTakeNoRoomWhenPadding() {
        ConsoleStyle colored = new ConsoleStyle(true, true);
        ConsoleReadout readout = new ConsoleReadout(out, true);
        String wide = colored.paint("[", ConsoleStyle.MAGENTA) + "#aaaaaa 5B/10B" + colored.paint("(50%)",
                ConsoleStyle.CYAN) + colored.paint("]", ConsoleStyle.MAGENTA);
        readout.show(wide);
        readout.show("[#aaaaaa]");
        readout.clear();
        assertEquals(21, ConsoleStyle.visibleLength(wide));
        assertEquals("\r" + wide + "\r[#aaaaaa]" + " ".repeat(12) + "\r" + " ".repeat(9) + "\r", text());
    }

    @Test
    void pipeGetsOneLinePerReadout() {
        ConsoleReadout readout = new ConsoleReadout(out, false);
        readout.show("[#aaaaaa 1B/10B(10%)]");
        readout.show("");
        readout.show("[#aaaaaa 5B/10B(50%)]");
        readout.clear();
        assertFalse(readout.isTerminal());
        assertEquals("[#aaaaaa 1B/10B(10%)]" + System.lineSeparator() + "[#aaaaaa 5B/10B(50%)]"
                + System.lineSeparator(), text());
    }

    @Test
    void clearWithNothingShownWritesNothing() {
        new ConsoleReadout(out, true).clear();
        assertEquals("", text());
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
