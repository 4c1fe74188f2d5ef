package dev.arietta.internal.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
