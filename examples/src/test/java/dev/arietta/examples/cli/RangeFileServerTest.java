package dev.arietta.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RangeFileServerTest {

    private static final byte[] CONTENT = new byte[1000];

    static {
        for (int i = 0; i < CONTENT.length; i++) {
            CONTENT[i] = (byte) (i * 31);
        }
    }

    private RangeFileServer server;

    @BeforeEach
    void start() throws IOException {
        server = RangeFileServer.start(Map.of("/file.bin", CONTENT), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Header, then the expected result: "first-last", "unsatisfiable" or "whole". */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "bytes=0-99|0-99",
            "bytes=100-|100-999",
            "bytes=-10|990-999",
            "bytes=-5000|0-999",
            "bytes=990-5000|990-999",
            "bytes=999-999|999-999",
            "bytes=1000-|unsatisfiable",
            "bytes=1000-2000|unsatisfiable",
            "bytes=-0|unsatisfiable",
            "bytes=5-3|whole",
            "bytes=0-1,5-6|whole",
            "bytes=a-b|whole",
            "bytes=-|whole",
            "bytes=99999999999999999999-|whole",
            "items=0-5|whole",
            "bytes=0x10-20|whole",
    })
    void rangeHeaderTable(String header, String expected) {
        Optional<long[]> range = RangeFileServer.ByteRanges.parse(header, CONTENT.length);
        String actual = range.map(bounds -> bounds.length == 0 ? "unsatisfiable" : bounds[0] + "-" + bounds[1])
                .orElse("whole");
        assertEquals(expected, actual);
    }

    @Test
    void servesARangeWith206() throws IOException {
        HttpURLConnection connection = open("/file.bin");
        connection.setRequestProperty("Range", "bytes=10-19");
        assertEquals(206, connection.getResponseCode());
        assertEquals("bytes 10-19/1000", connection.getHeaderField("Content-Range"));
        assertEquals("bytes", connection.getHeaderField("Accept-Ranges"));
        try (InputStream body = connection.getInputStream()) {
            assertArrayEquals(Arrays.copyOfRange(CONTENT, 10, 20), body.readAllBytes());
        }
        assertEquals(1, server.rangeRequests());
    }

    @Test
    void servesTheWholeFileWith200() throws IOException {
        HttpURLConnection connection = open("/file.bin");
        assertEquals(200, connection.getResponseCode());
        assertEquals(1000, connection.getContentLengthLong());
        try (InputStream body = connection.getInputStream()) {
            assertArrayEquals(CONTENT, body.readAllBytes());
        }
        assertEquals(0, server.rangeRequests());
    }

    @Test
    void unsatisfiableRangeIs416WithTheLength() throws IOException {
        HttpURLConnection connection = open("/file.bin");
        connection.setRequestProperty("Range", "bytes=2000-");
        assertEquals(416, connection.getResponseCode());
        assertEquals("bytes */1000", connection.getHeaderField("Content-Range"));
    }

    @Test
    void unknownPathIs404AndOtherMethods405() throws IOException {
        assertEquals(404, open("/other.bin").getResponseCode());
        HttpURLConnection post = open("/file.bin");
        post.setRequestMethod("DELETE");
        assertEquals(405, post.getResponseCode());
    }

    @Test
    void pacedServerStillDeliversEveryByte() throws IOException {
        try (RangeFileServer paced = RangeFileServer.start(Map.of("/file.bin", CONTENT), 1 << 20)) {
            HttpURLConnection connection = (HttpURLConnection) paced.uri("/file.bin").toURL().openConnection();
            try (InputStream body = connection.getInputStream()) {
                assertArrayEquals(CONTENT, body.readAllBytes());
            }
        }
        assertTrue(server.uri("/file.bin").toString().startsWith("http://127.0.0.1:"));
    }

    private HttpURLConnection open(String path) throws IOException {
        return (HttpURLConnection) server.uri(path).toURL().openConnection();
    }
}
