package dev.arietta.ftp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.ftp.FtpException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FtpReplyReaderTest {

    private static List<FtpReply> readAll(FtpReplyReader reader, String text) throws ReplyFormatException {
        ByteBuffer input = ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
        List<FtpReply> replies = new ArrayList<>();
        FtpReply reply;
        while ((reply = reader.read(input)) != null) {
            replies.add(reply);
        }
        return replies;
    }

    @Test
    void singleAndMultiLineReplies() throws ReplyFormatException {
        List<FtpReply> replies = readAll(new FtpReplyReader(FtpLimits.DEFAULTS),
                "220 Ready\r\n"
                + "211-Features:\r\n EPSV\r\n211-not the end\r\n123 other code\r\n211 End\r\n"
                + "200\r\n"
                + "230-Welcome\n230 Bare LF ok\n");
        assertEquals(4, replies.size());
        assertEquals(new FtpReply(220, List.of("Ready")), replies.get(0));
        assertEquals(new FtpReply(211, List.of("Features:", " EPSV", "211-not the end", "123 other code", "End")),
                replies.get(1));
        assertEquals(new FtpReply(200, List.of("")), replies.get(2));
        assertEquals(new FtpReply(230, List.of("Welcome", "Bare LF ok")), replies.get(3));
    }

    @Test
    void multiLineReplyMayEndWithBareCode() throws ReplyFormatException {
        assertEquals(List.of(new FtpReply(250, List.of("a", "b", ""))),
                readAll(new FtpReplyReader(FtpLimits.DEFAULTS), "250-a\r\nb\r\n250\r\n"));
    }

    @Test
    void bytesArrivingOneAtATime() throws ReplyFormatException {
        FtpReplyReader reader = new FtpReplyReader(FtpLimits.DEFAULTS);
        byte[] bytes = "150-Opening\r\n data\r\n150 go\r\n226 done\r\n".getBytes(StandardCharsets.ISO_8859_1);
        List<FtpReply> replies = new ArrayList<>();
        for (byte b : bytes) {
            assertTrue(replies.size() < 2);
            FtpReply reply = reader.read(ByteBuffer.wrap(new byte[] {b}));
            if (reply != null) {
                replies.add(reply);
            }
        }
        assertEquals(List.of(150, 226), replies.stream().map(FtpReply::code).toList());
        assertFalse(reader.hasPartialReply());
    }

    @Test
    void readStopsAfterOneReplyLeavingTheRest() throws ReplyFormatException {
        FtpReplyReader reader = new FtpReplyReader(FtpLimits.DEFAULTS);
        ByteBuffer input = ByteBuffer.wrap("200 a\r\n200 b\r\n20".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("a", reader.read(input).firstLine());
        assertEquals(9, input.remaining());
        assertEquals("b", reader.read(input).firstLine());
        assertNull(reader.read(input));
        assertTrue(reader.hasPartialReply());
    }

    @Test
    void nonAsciiBytesArePreservedAsOctets() throws ReplyFormatException {
        FtpReply reply = readAll(new FtpReplyReader(FtpLimits.DEFAULTS), "257 \"/caf\u00c3\u00a9\"\r\n").get(0);
        assertEquals("\"/caf\u00c3\u00a9\"", reply.firstLine());
        assertEquals("\"/caf\u00e9\"", reply.displayText());
    }

    @Test
    void lineAtExactLimitIsAccepted() throws ReplyFormatException {
        String line = "200 " + "x".repeat(96);
        assertEquals(1, readAll(new FtpReplyReader(new FtpLimits(100, 10)), line + "\r\n").size());
    }

    @Test
    void hugeLineFailsWithoutBufferingIt() {
        FtpReplyReader reader = new FtpReplyReader(new FtpLimits(100, 10));
        ReplyFormatException failure = assertThrows(ReplyFormatException.class,
                () -> readAll(reader, "200 " + "x".repeat(10_000_000)));
        assertEquals(Reason.REPLY_LINE_TOO_LONG, failure.reason());
    }

    @Test
    void lineOverLimitBeforeItsEndFails() {
        ReplyFormatException failure = assertThrows(ReplyFormatException.class,
                () -> readAll(new FtpReplyReader(new FtpLimits(100, 10)), "200 " + "x".repeat(97) + "\r\n"));
        assertEquals(Reason.REPLY_LINE_TOO_LONG, failure.reason());
    }

    @Test
    void endlessMultiLineReplyFails() {
        FtpReplyReader reader = new FtpReplyReader(new FtpLimits(100, 50));
        ReplyFormatException failure = assertThrows(ReplyFormatException.class,
                () -> readAll(reader, "211-start\r\n" + "211-more\r\n".repeat(1000)));
        assertEquals(Reason.TOO_MANY_REPLY_LINES, failure.reason());
        assertEquals("reply 211 has more than 50 lines", failure.getMessage());
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', value = {
        "hello",
        "22",
        "''",
        "099 too low",
        "600 too high",
        "2x0 letters",
        "2200 four digits",
        "220x bad separator",
        "' 220 leading space'",
    })
    void malformedLinesFail(String line) {
        ReplyFormatException failure = assertThrows(ReplyFormatException.class,
                () -> readAll(new FtpReplyReader(FtpLimits.DEFAULTS), line + "\r\n"));
        assertEquals(Reason.MALFORMED_REPLY, failure.reason());
    }
}
