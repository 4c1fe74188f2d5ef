package dev.arietta.http.internal.cookie;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CookieDateTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        "Sun, 06 Nov 1994 08:49:37 GMT          | 1994-11-06T08:49:37Z",
        "Sunday, 06-Nov-94 08:49:37 GMT         | 1994-11-06T08:49:37Z",
        "Sun Nov  6 08:49:37 1994               | 1994-11-06T08:49:37Z",
        "Wed, 09 Jun 2021 10:18:14 GMT          | 2021-06-09T10:18:14Z",
        "Thu, 01-Jan-2037 00:00:00 GMT          | 2037-01-01T00:00:00Z",
        "1 jan 2030 1:2:3                       | 2030-01-01T01:02:03Z",
        "Fri, 31 Dec 1999 23:59:59 GMT          | 1999-12-31T23:59:59Z",
        "Mon, 01 Jan 69 00:00:00 GMT            | 2069-01-01T00:00:00Z",
        "Mon, 01 Jan 70 00:00:00 GMT            | 1970-01-01T00:00:00Z",
        "DECEMBER 25 2020 12:00:00              | 2020-12-25T12:00:00Z",
        "Tue, 29 Feb 2000 12:00:00 GMT          | 2000-02-29T12:00:00Z",
        "Thu, 30 Feb 2023 12:00:00 GMT          | NONE",
        "Thu, 32 Jan 2023 12:00:00 GMT          | NONE",
        "Thu, 01 Jan 1600 12:00:00 GMT          | NONE",
        "Thu, 01 Jan 2023 24:00:00 GMT          | NONE",
        "Thu, 01 Jan 2023 12:60:00 GMT          | NONE",
        "Thu, 01 Jan 2023                       | NONE",
        "Thu, 01 Foo 2023 12:00:00 GMT          | NONE",
        "12:00:00 2023                          | NONE",
        "never                                  | NONE",
        "Thu, 001 Jan 2023 12:00:00 GMT         | NONE",
    })
    void parsesCookieDates(String text, String expected) {
        assertEquals(Optional.ofNullable(expected).map(Instant::parse), CookieDate.parse(text.strip()));
    }
}
