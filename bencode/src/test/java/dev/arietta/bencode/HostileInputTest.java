package dev.arietta.bencode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file under {@code hostile/} decoded in each mode must give exactly the outcome in
 * {@code hostile/expectations.tsv}: "ok", or the byte offset and message of the error.
 */
class HostileInputTest {

    static Stream<Arguments> expectations() throws IOException {
        List<Arguments> rows = new ArrayList<>();
        try (InputStream table = resource("expectations.tsv");
             BufferedReader reader = new BufferedReader(new InputStreamReader(table, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t", 3);
                rows.add(Arguments.of(columns[0], BencodeMode.valueOf(columns[1]), columns[2]));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("expectations")
    void decodesAsTheTableSays(String file, BencodeMode mode, String expected) throws IOException {
        byte[] input;
        try (InputStream in = resource(file)) {
            input = in.readAllBytes();
        }
        BencodeDecoder decoder = Bencode.decoder().mode(mode).build();
        if (expected.equals("ok")) {
            BDocument document = decoder.decode(input);
            assertEquals(input.length, document.length());
            return;
        }
        String[] parts = expected.split("\\|", 2);
        long offset = Long.parseLong(parts[0]);
        BencodeException error = assertThrows(BencodeException.class, () -> decoder.decode(input));
        assertEquals(parts[1] + " at offset " + offset, error.getMessage());
        assertEquals(offset, error.offset());
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = HostileInputTest.class.getResourceAsStream("/hostile/" + name);
        if (in == null) {
            throw new IOException("missing test resource hostile/" + name);
        }
        return in;
    }
}
