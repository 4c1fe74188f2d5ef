package dev.arietta.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpDatesTest {

    private static final Instant EXAMPLE = Instant.parse("1994-11-06T08:49:37Z");

    @Test
    void formatsImfFixdate() {
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDates.format(EXAMPLE));
    }

    @Test
    void parsesAllThreeForms() {
        assertEquals(Optional.of(EXAMPLE), HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT"));
        assertEquals(Optional.of(EXAMPLE), HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT"));
        assertEquals(Optional.of(EXAMPLE), HttpDates.parse("Sun Nov  6 08:49:37 1994"));
        assertTrue(HttpDates.parse("yesterday").isEmpty());
    }

    @Test
    void retryAfterAcceptsSecondsAndDates() {
        Clock clock = Clock.fixed(EXAMPLE, ZoneOffset.UTC);
        assertEquals(Optional.of(Duration.ofSeconds(120)), HttpDates.retryAfter("120", clock));
        assertEquals(Optional.of(Duration.ofSeconds(23)), HttpDates.retryAfter("Sun, 06 Nov 1994 08:50:00 GMT", clock));
        assertEquals(Optional.of(Duration.ZERO), HttpDates.retryAfter("Sun, 06 Nov 1994 08:00:00 GMT", clock));
        assertTrue(HttpDates.retryAfter("-5", clock).isEmpty());
        assertTrue(HttpDates.retryAfter("soon", clock).isEmpty());
    }
}
