package dev.arietta.http.internal.cookie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.http.internal.cookie.CookieRejectedException.Reason;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SetCookieParserTest {
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private final SetCookieParser parser = new SetCookieParser(200, PublicSuffixPolicy.SINGLE_LABEL);

    private Cookie parse(String header, String uri) throws CookieRejectedException {
        return parser.parse(header, URI.create(uri), NOW);
    }

    @Test
    void plainCookieIsHostOnlyWithDefaultPath() throws Exception {
        Cookie cookie = parse("SID=31d4d96e407aad42", "http://www.example.com/docs/index.html");
        assertEquals("SID", cookie.name());
        assertEquals("31d4d96e407aad42", cookie.value());
        assertEquals("www.example.com", cookie.domain());
        assertEquals("/docs", cookie.path());
        assertTrue(cookie.hostOnly());
        assertNull(cookie.expiry());
        assertFalse(cookie.secure());
        assertFalse(cookie.httpOnly());
        assertEquals(NOW, cookie.creationTime());
    }

    @Test
    void attributesAreParsedCaseInsensitively() throws Exception {
        Cookie cookie = parse(" lang = en-US ; PATH=/ ; DOMAIN=.Example.COM; SECURE; httponly; SameSite=Lax",
                "https://www.example.com/a/b");
        assertEquals("lang", cookie.name());
        assertEquals("en-US", cookie.value());
        assertEquals("example.com", cookie.domain());
        assertFalse(cookie.hostOnly());
        assertEquals("/", cookie.path());
        assertTrue(cookie.secure());
        assertTrue(cookie.httpOnly());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "SESSION", value = {
        "a=b; Expires=Wed, 09 Jun 2100 10:18:14 GMT              | 2100-06-09T10:18:14Z",
        "a=b; Max-Age=60                                         | 2024-05-01T12:01:00Z",
        "a=b; Max-Age=60; Expires=Wed, 09 Jun 2100 10:18:14 GMT  | 2024-05-01T12:01:00Z",
        "a=b; Expires=Wed, 09 Jun 2100 10:18:14 GMT; Max-Age=60  | 2024-05-01T12:01:00Z",
        "a=b; Max-Age=0                                          | 1970-01-01T00:00:00Z",
        "a=b; Max-Age=-5                                         | 1970-01-01T00:00:00Z",
        "a=b; Max-Age=abc                                        | SESSION",
        "a=b; Max-Age=1e3                                        | SESSION",
        "a=b; Max-Age=-                                          | SESSION",
        "a=b; Max-Age=                                           | SESSION",
        "a=b; Max-Age=99999999999999999999999                    | 9999-12-31T23:59:59Z",
        "a=b; Expires=garbage                                    | SESSION",
        "a=b; Expires=Fri, 01 Jan 2100 00:00:00 GMT; Max-Age=x   | 2100-01-01T00:00:00Z",
        "a=b; Max-Age=10; Max-Age=20                             | 2024-05-01T12:00:20Z",
    })
    void expiryFollowsMaxAgePriority(String header, String expected) throws Exception {
        Cookie cookie = parse(header, "http://example.com/");
        assertEquals(expected == null ? null : Instant.parse(expected), cookie.expiry());
    }

    @ParameterizedTest(name = "{0} from {1}")
    @CsvSource(delimiter = '|', value = {
        "a=b                 | http://example.com                 | /",
        "a=b                 | http://example.com/                | /",
        "a=b                 | http://example.com/file            | /",
        "a=b                 | http://example.com/dir/            | /dir",
        "a=b                 | http://example.com/dir/sub/file    | /dir/sub",
        "a=b; Path=/x/y      | http://example.com/dir/file        | /x/y",
        "a=b; Path=relative  | http://example.com/dir/file        | /dir",
        "a=b; Path=          | http://example.com/dir/file        | /dir",
        "a=b; Path=/x; Path=z| http://example.com/dir/file        | /dir",
    })
    void pathAttributeAndDefaultPath(String header, String uri, String expectedPath) throws Exception {
        assertEquals(expectedPath, parse(header, uri).path());
    }

    @Test
    void domainEqualToIpHostIsAccepted() throws Exception {
        Cookie cookie = parse("a=b; Domain=192.168.0.1", "http://192.168.0.1/");
        assertEquals("192.168.0.1", cookie.domain());
        assertFalse(cookie.hostOnly());
    }

    @Test
    void publicSuffixDomainEqualToHostBecomesHostOnly() throws Exception {
        Cookie cookie = parse("a=b; Domain=localhost", "http://localhost:8080/");
        assertEquals("localhost", cookie.domain());
        assertTrue(cookie.hostOnly());
    }

    @Test
    void emptyValueAndQuotedValueAreKept() throws Exception {
        assertEquals("", parse("a=", "http://example.com/").value());
        assertEquals("\"quoted\"", parse("a=\"quoted\"", "http://example.com/").value());
        assertEquals("x=y", parse("a=x=y", "http://example.com/").value());
    }

    @Test
    void ipv6HostLosesBrackets() throws Exception {
        assertEquals("::1", parse("a=b", "http://[::1]:8080/").domain());
    }

    @ParameterizedTest(name = "{0} from {1}")
    @CsvSource(delimiter = '|', value = {
        "noequals                               | http://example.com/       | NO_NAME_VALUE_PAIR",
        "noequals; Path=/                       | http://example.com/       | NO_NAME_VALUE_PAIR",
        "=value                                 | http://example.com/       | EMPTY_NAME",
        "'  =value'                             | http://example.com/       | EMPTY_NAME",
        "a=b; Domain=com                        | http://example.com/       | PUBLIC_SUFFIX_DOMAIN",
        "a=b; Domain=.com                       | http://example.com/       | PUBLIC_SUFFIX_DOMAIN",
        "a=b; Domain=other.org                  | http://example.com/       | DOMAIN_MISMATCH",
        "a=b; Domain=ample.com                  | http://example.com/       | DOMAIN_MISMATCH",
        "a=b; Domain=www.example.com            | http://example.com/       | DOMAIN_MISMATCH",
        "a=b; Domain=0.1                        | http://192.168.0.1/       | DOMAIN_MISMATCH",
        "a=b; Domain=example.com.               | http://example.com/       | DOMAIN_MISMATCH",
        "a=b; Secure                            | http://example.com/       | SECURE_FROM_INSECURE_ORIGIN",
        "__Secure-a=b                           | https://example.com/      | NAME_PREFIX_VIOLATION",
        "__Host-a=b; Secure                     | https://example.com/      | NAME_PREFIX_VIOLATION",
        "__Host-a=b; Secure; Path=/; Domain=example.com | https://example.com/ | NAME_PREFIX_VIOLATION",
        "__Host-a=b; Path=/                     | https://example.com/      | NAME_PREFIX_VIOLATION",
        "a=b                                    | file:/tmp/x               | NO_REQUEST_HOST",
    })
    void rejectsWithExactReason(String header, String uri, Reason reason) {
        CookieRejectedException rejected = assertThrows(CookieRejectedException.class, () -> parse(header, uri));
        assertEquals(reason, rejected.reason());
    }

    @Test
    void hostAndSecurePrefixesAcceptedWhenRequirementsMet() throws Exception {
        assertTrue(parse("__Host-a=b; Secure; Path=/", "https://example.com/x/y").hostOnly());
        assertTrue(parse("__Secure-a=b; Secure; Domain=example.com", "https://www.example.com/").secure());
    }

    @Test
    void rejectsControlCharactersAndTabs() {
        for (String header : new String[] {"a=b\u0000c", "a=b\nc", "a=b\u007f", "a=b\tc", "a\tb=c", "a=b; Path=/x\ty"}) {
            CookieRejectedException rejected = assertThrows(CookieRejectedException.class,
                    () -> parse(header, "http://example.com/"), header);
            assertEquals(Reason.CONTROL_CHARACTER, rejected.reason(), header);
        }
    }

    @Test
    void tabAsSurroundingWhitespaceIsAllowed() throws Exception {
        assertEquals("b", parse("a=\tb\t;\tPath=/", "http://example.com/x").value());
    }

    @Test
    void rejectsOverlongHeader() {
        String header = "a=" + "x".repeat(199);
        CookieRejectedException rejected = assertThrows(CookieRejectedException.class,
                () -> parse(header, "http://example.com/"));
        assertEquals(Reason.TOO_LONG, rejected.reason());
    }

    @Test
    void valueIsMaskedInToString() throws Exception {
        String text = parse("SID=secret-token", "http://example.com/").toString();
        assertFalse(text.contains("secret-token"), text);
        assertTrue(text.contains("SID"), text);
    }
}
