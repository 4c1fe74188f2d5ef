package dev.arietta.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.http.HttpProtocolException;
import dev.arietta.http.HttpProtocolException.Reason;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentRangeTest {

    private static final URI URL = URI.create("http://example.com/x");

    @Test
    void parsesAndMatchesRequests() throws Exception {
        ContentRange range = ContentRange.parse("bytes 100-199/1000", URL, 206);
        assertEquals(new ContentRange(100, 199, 1000), range);
        assertEquals(100, range.length());
        assertTrue(range.satisfies(new ByteRange(100, 199)));
        assertFalse(range.satisfies(new ByteRange(100, 299)));
        assertFalse(range.satisfies(new ByteRange(0, 199)));
        assertFalse(range.satisfies(ByteRange.from(100)), "open request wants the rest of the entity");
        assertTrue(ContentRange.parse("bytes 100-999/1000", URL, 206).satisfies(ByteRange.from(100)));
        assertTrue(ContentRange.parse("bytes 0-999/1000", URL, 206).satisfies(new ByteRange(0, 1_048_575)),
                "a range past the end is answered up to the last byte");
        assertFalse(ContentRange.parse("bytes 0-998/1000", URL, 206).satisfies(new ByteRange(0, 1_048_575)));
        assertFalse(ContentRange.parse("bytes 0-999/*", URL, 206).satisfies(new ByteRange(0, 1_048_575)));
        assertTrue(ContentRange.parse("BYTES 5-9/*", URL, 206).satisfies(ByteRange.from(5)));
        assertEquals(-1, ContentRange.parse("bytes 5-9/*", URL, 206).completeLength());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bytes", "bytes */1000", "bytes 5-4/10", "bytes 0-10/10", "items 0-1/2",
        "bytes 0-1", "bytes -1-2/3", "bytes 0x1-2/3", "bytes 1-2/x", "bytes 1-99999999999999999999/*"})
    void rejectsMalformedValues(String value) {
        HttpProtocolException error = assertThrows(HttpProtocolException.class,
                () -> ContentRange.parse(value, URL, 206));
        assertEquals(Reason.MALFORMED_CONTENT_RANGE, error.reason());
    }

    @Test
    void byteRangeHeaderValues() {
        assertEquals("bytes=0-99", ByteRange.of(0, 100).headerValue());
        assertEquals("bytes=100-", ByteRange.from(100).headerValue());
        assertThrows(IllegalArgumentException.class, () -> new ByteRange(5, 4));
        assertThrows(IllegalArgumentException.class, () -> ByteRange.of(5, 0));
    }
}
