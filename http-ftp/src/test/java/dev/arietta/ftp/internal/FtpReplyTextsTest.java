package dev.arietta.ftp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FtpReplyTextsTest {

    private static FtpReply reply(int code, String text) {
        return new FtpReply(code, List.of(text));
    }

    @Test
    void featuresAreFirstWordsOfInnerLines() {
        FtpReply feat = new FtpReply(211, List.of("Features:", " UTF8", " rest STREAM", " MDTM", "", " EPSV", "End"));
        assertEquals(Set.of("UTF8", "REST", "MDTM", "EPSV"), FtpReplyTexts.features(feat));
        assertEquals(Set.of(), FtpReplyTexts.features(reply(211, "no features")));
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '^', nullValues = "NULL", value = {
        "\"/\" is the current directory                   ^ /",
        "\"/home/alice\"                                  ^ /home/alice",
        "\"/with \"\"quotes\"\"\" is cwd                  ^ /with \"quotes\"",
        "\"/a b\" created                                 ^ /a b",
        "/no/quotes                                       ^ NULL",
        "\"unterminated                                   ^ NULL",
        "\"\" empty                                       ^ NULL",
    })
    void pwdDirectory(String text, String expected) {
        assertEquals(expected, FtpReplyTexts.quotedDirectory(reply(257, text.strip())));
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '^', nullValues = "NULL", value = {
        "0 ^ 0",
        "3000000 ^ 3000000",
        "' 12 ' ^ 12",
        "999999999999999999 ^ 999999999999999999",
        "9999999999999999999 ^ NULL",
        "-1 ^ NULL",
        "12 bytes ^ NULL",
        "'' ^ NULL",
        "0x10 ^ NULL",
    })
    void sizeValues(String text, Long expected) {
        assertEquals(expected == null ? OptionalLong.empty() : OptionalLong.of(expected),
                FtpReplyTexts.size(reply(213, text)));
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '^', nullValues = "NULL", value = {
        "20240131235959 ^ 2024-01-31T23:59:59Z",
        "19700101000000 ^ 1970-01-01T00:00:00Z",
        "20240131235959.5 ^ 2024-01-31T23:59:59.500Z",
        "20240131235959.123456789 ^ 2024-01-31T23:59:59.123456789Z",
        "20241301000000 ^ NULL",
        "20240230000000 ^ NULL",
        "2024013123595 ^ NULL",
        "20240131235959. ^ NULL",
        "20240131235959x ^ NULL",
        "YYYYMMDDHHMMSS ^ NULL",
    })
    void modificationTimes(String text, String expected) {
        assertEquals(Optional.ofNullable(expected).map(Instant::parse), FtpReplyTexts.modificationTime(reply(213, text)));
    }

    @Test
    void pwdRejectsControlCharacters() {
        assertNull(FtpReplyTexts.quotedDirectory(reply(257, "\"/a\rb\"")));
    }
}
