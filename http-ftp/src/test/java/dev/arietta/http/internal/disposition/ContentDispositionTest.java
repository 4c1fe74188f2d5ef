package dev.arietta.http.internal.disposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Content-Disposition expectation table in {@code content-disposition-cases.tsv}: the
 * greenbytes tc2231 cases and the JDK AsFileDownloadTest kinds of header, each mapped to the
 * exact raw name (or none).
 */
class ContentDispositionTest {
    private static final Pattern CHAR_ESCAPE = Pattern.compile("\\{U\\+([0-9A-F]{4})}");

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (InputStream in = ContentDispositionTest.class.getResourceAsStream("content-disposition-cases.tsv");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#") || line.isEmpty()) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (fields.length != 3) {
                    throw new IllegalStateException("bad table line: " + line);
                }
                String expected = fields[2].equals("-") ? null : unescape(fields[2]);
                cases.add(Arguments.of(fields[0], unescape(fields[1]), expected));
            }
        }
        return cases.stream();
    }

    private static String unescape(String text) {
        Matcher matcher = CHAR_ESCAPE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(result, Matcher.quoteReplacement(
                    String.valueOf((char) Integer.parseInt(matcher.group(1), 16))));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void fileNameMatchesTable(String id, String header, String expected) {
        assertEquals(Optional.ofNullable(expected), ContentDisposition.fileName(header), id);
    }

    @Test
    void tableIsLargeEnough() throws IOException {
        assertTrue(cases().count() >= 30);
    }

    @Test
    void typeIsLowerCasedAndAvailableWithoutName() {
        ContentDisposition disposition = ContentDisposition.parse("INLINE").orElseThrow();
        assertEquals("inline", disposition.type());
        assertEquals(Optional.empty(), disposition.fileName());
        assertEquals("foobar", ContentDisposition.parse("foobar; filename=x").orElseThrow().type());
    }

    @Test
    void invalidHeaderHasNoDisposition() {
        assertEquals(Optional.empty(), ContentDisposition.parse("filename=foo.html"));
    }

    @Test
    void veryLongHeaderIsLinear() {
        String name = "a".repeat(1_000_000);
        assertEquals(Optional.of(name), ContentDisposition.fileName("attachment; filename=\"" + name + "\""));
        assertEquals(Optional.empty(), ContentDisposition.fileName("attachment" + "; x=y".repeat(200_000) + "; filename"));
    }
}
