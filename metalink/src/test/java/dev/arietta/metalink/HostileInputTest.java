package dev.arietta.metalink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every document under {@code hostile/} must give exactly the outcome in
 * {@code hostile/expectations.tsv}, from an array and from a stream alike: "ok", or the
 * error kind, line and detail.
 */
class HostileInputTest {

    static Stream<Arguments> expectations() throws Exception {
        List<Arguments> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new ByteArrayInputStream(TestResources.bytes("hostile/expectations.tsv")), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = Arrays.copyOf(line.split("\t", 4), 4);
                rows.add(Arguments.of((Object[]) columns));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void refusesAsTheTableSays(String file, String kind, String line, String detail) throws Exception {
        byte[] input = TestResources.bytes("hostile/" + file);
        if (kind.equals("ok")) {
            assertFalse(Metalink.parse(input).files().isEmpty());
            return;
        }
        MetalinkException fromArray = assertThrows(MetalinkException.class, () -> Metalink.parse(input));
        assertEquals(MetalinkException.Kind.valueOf(kind), fromArray.kind());
        assertEquals(detail, fromArray.detail());
        assertEquals(Integer.parseInt(line), fromArray.line());
        if (fromArray.line() > 0) {
            assertTrue(fromArray.column() > 0, "a known line comes with a column");
            assertEquals(detail + " (line " + line + ", column " + fromArray.column() + ")", fromArray.getMessage());
        }

        MetalinkException fromStream = assertThrows(MetalinkException.class,
                () -> Metalink.parse(new ByteArrayInputStream(input)));
        assertEquals(fromArray.getMessage(), fromStream.getMessage());
        assertEquals(fromArray.kind(), fromStream.kind());
    }
}
