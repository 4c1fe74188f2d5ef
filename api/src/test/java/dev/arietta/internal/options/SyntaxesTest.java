package dev.arietta.internal.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Building blocks not covered through a registered option. */
class SyntaxesTest {

    @Test
    void commaListStripsAndDropsEmptyElements() {
        ValueSyntax<List<String>> list = Syntaxes.commaList("a comma-separated list of trackers", "URI,...");
        assertEquals(List.of("http://a/announce", "udp://b:80"), list.parse("http://a/announce, ,udp://b:80,"));
        assertEquals("http://a/announce,udp://b:80", list.format(List.of("http://a/announce", "udp://b:80")));
        assertEquals(List.of(), list.parse(""));
        assertEquals("control character U+000A at index 1",
                assertThrows(InvalidValueException.class, () -> list.parse("a\nb")).detail());
        assertEquals("element contains ','",
                assertThrows(InvalidValueException.class, () -> list.canonical(List.of("a,b"))).detail());
        assertEquals(List.class, list.valueClass());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0                   | 0
            1000                | 1000
            1024                | 1K
            1536                | 1536
            1048576             | 1M
            20971520            | 20M
            1073741824          | 1G
            3221225472          | 3G
            9223372036854775807 | *
            """)
    void unitNumbersAreShownWithTheLargestExactUnit(long value, String shown) {
        assertEquals(shown, UnitNumbers.human(value));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            1.0   | 1
            0.5   | 0.5
            .25   | 0.25
            2.    | 2
            0     | 0
            10.50 | 10.5
            """)
    void decimalsReadAsAria2sFloatOptions(String text, String canonical) {
        ValueSyntax<Double> ratio = Syntaxes.decimal(0, 100);
        assertEquals(canonical, ratio.format(ratio.parse(text)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            -1
            1e3
            1.2.3
            .
            ''
            +1
            1,5
            100.5
            """)
    void badDecimalsAreRefused(String text) {
        assertThrows(InvalidValueException.class, () -> Syntaxes.decimal(0, 100).parse(text));
    }

    @Test
    void minutesKeepFractionsToTheMillisecond() {
        ValueSyntax<java.time.Duration> minutes = Syntaxes.minutes();
        assertEquals(java.time.Duration.ofSeconds(90), minutes.parse("1.5"));
        assertEquals(java.time.Duration.ZERO, minutes.parse("0"));
        assertEquals("1.5", minutes.format(java.time.Duration.ofSeconds(90)));
        assertEquals("120", minutes.format(minutes.parse("120")));
        assertThrows(InvalidValueException.class, () -> minutes.parse("-5"));
        assertThrows(InvalidValueException.class, () -> minutes.parse("99999999999"));
        assertThrows(InvalidValueException.class, () -> minutes.canonical(java.time.Duration.ofSeconds(-1)));
    }

    @Test
    void portRangesAreListedInOrder() {
        ValueSyntax<String> ports = Syntaxes.portRanges();
        assertEquals("6881-6999", ports.parse("6881-6999"));
        assertEquals("6881,6885-6889", ports.parse("6881, 6885-6889"));
        List<int[]> ranges = Syntaxes.portRanges("7000,6881-6889");
        assertEquals(2, ranges.size());
        assertEquals(7000, ranges.get(0)[0]);
        assertEquals(7000, ranges.get(0)[1]);
        assertEquals(6881, ranges.get(1)[0]);
        assertEquals(6889, ranges.get(1)[1]);
        for (String bad : List.of("0", "65536", "6999-6881", "a", "", "1,", "1--2")) {
            assertThrows(InvalidValueException.class, () -> ports.parse(bad), bad);
        }
    }

    @Test
    void rangesMustBeOrdered() {
        assertThrows(IllegalArgumentException.class, () -> Syntaxes.integer(5, 1));
        assertThrows(IllegalArgumentException.class, () -> Syntaxes.seconds(-1, 5));
        assertThrows(IllegalArgumentException.class, () -> Syntaxes.size(10, 1));
    }

    @Test
    void echoEscapesControlCharactersAndQuotes() {
        assertEquals("\"a\\\"b\\\\c\\td\\u001be\\u007f\"", ValueEcho.quote("a\"b\\c\td\u001be\u007f"));
        assertEquals("\"\"", ValueEcho.quote(""));
    }

    @Test
    void fileIndexesAreIndexesAndAscendingRanges() {
        FileIndexes indexes = FileIndexes.parse("1-3, 8,10-10");
        assertEquals(List.of(true, true, true, false, false, true, false, true, false),
                java.util.stream.Stream.of(1, 2, 3, 4, 7, 8, 9, 10, 11).map(indexes::contains).toList());
        assertEquals("1-3,8,10-10", Syntaxes.fileIndexes().parse("1-3, 8,10-10"));
        assertEquals("range \"5-2\" runs backwards",
                assertThrows(InvalidValueException.class, () -> FileIndexes.parse("5-2")).detail());
        assertEquals("\"x\" is not an index or a range of indexes",
                assertThrows(InvalidValueException.class, () -> FileIndexes.parse("1,x")).detail());
        assertEquals("\"\" is not an index or a range of indexes",
                assertThrows(InvalidValueException.class, () -> FileIndexes.parse("1,")).detail());
        assertEquals("index 0 is not between 1 and 2147483647",
                assertThrows(InvalidValueException.class, () -> FileIndexes.parse("0-2")).detail());
        assertEquals("index 3000000000 is not between 1 and 2147483647",
                assertThrows(InvalidValueException.class, () -> FileIndexes.parse("3000000000")).detail());
        assertTrue(FileIndexes.parse("1-2147483647").contains(2_000_000_000));
    }

    @Test
    void absoluteUrisNeedAScheme() {
        ValueSyntax<String> uri = Syntaxes.absoluteUri("URI");
        assertEquals("http://mirror/pub/", uri.parse("http://mirror/pub/"));
        assertEquals("no scheme", assertThrows(InvalidValueException.class, () -> uri.parse("pub/files/")).detail());
        assertEquals("Illegal character in path",
                assertThrows(InvalidValueException.class, () -> uri.parse("http://a/b c")).detail());
    }
}
