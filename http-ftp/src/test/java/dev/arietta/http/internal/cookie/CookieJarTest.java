package dev.arietta.http.internal.cookie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CookieJarTest {
    private final FakeClock clock = new FakeClock(Instant.parse("2024-05-01T12:00:00Z"));
    private final CookieJar jar = new CookieJar(clock);

    private void receive(String uri, String header) throws CookieRejectedException {
        jar.receive(URI.create(uri), header);
    }

    private String header(String uri) {
        return jar.cookieHeader(URI.create(uri)).orElse("");
    }

    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(delimiter = '|', value = {
        "http://example.com/              | host=1; dom=1",
        "http://www.example.com/          | dom=1",
        "http://a.b.example.com/          | dom=1",
        "http://EXAMPLE.com/              | host=1; dom=1",
        "http://notexample.com/           | ''",
        "http://example.org/              | ''",
        "http://com/                      | ''",
    })
    void domainAndHostOnlyRules(String uri, String expected) throws Exception {
        receive("http://example.com/", "host=1; Path=/");
        receive("http://example.com/", "dom=1; Domain=example.com; Path=/");
        assertEquals(expected, header(uri));
    }

    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(delimiter = '|', value = {
        "http://example.com/              | root=1",
        "http://example.com/docs          | docs=1; root=1",
        "http://example.com/docs/         | docs=1; root=1",
        "http://example.com/docs/web/x    | web=1; docs=1; root=1",
        "http://example.com/docsx         | root=1",
        "http://example.com/Docs          | root=1",
    })
    void pathRulesAndLongerPathsFirst(String uri, String expected) throws Exception {
        receive("http://example.com/", "root=1; Path=/");
        receive("http://example.com/", "docs=1; Path=/docs");
        receive("http://example.com/", "web=1; Path=/docs/web/");
        assertEquals(expected, header(uri));
    }

    @Test
    void samePathLengthOrderedByCreationTime() throws Exception {
        receive("http://example.com/", "b=1; Path=/");
        clock.advance(Duration.ofSeconds(1));
        receive("http://example.com/", "a=1; Path=/");
        receive("http://example.com/", "c=1; Path=/");
        assertEquals("b=1; a=1; c=1", header("http://example.com/"));
    }

    @Test
    void replacingKeepsCreationTimeAndPosition() throws Exception {
        receive("http://example.com/", "first=1; Path=/");
        clock.advance(Duration.ofSeconds(1));
        receive("http://example.com/", "second=1; Path=/");
        clock.advance(Duration.ofSeconds(1));
        receive("http://example.com/", "first=2; Path=/");
        assertEquals("first=2; second=1", header("http://example.com/"));
        assertEquals(Instant.parse("2024-05-01T12:00:00Z"), jar.cookiesFor(URI.create("http://example.com/")).get(0).creationTime());
        assertEquals(2, jar.size());
    }

    @Test
    void secureCookiesOnlyOverHttps() throws Exception {
        receive("https://example.com/", "s=1; Secure; Path=/");
        receive("https://example.com/", "p=1; Path=/");
        assertEquals("s=1; p=1", header("https://example.com/"));
        assertEquals("p=1", header("http://example.com/"));
    }

    @Test
    void insecureResponseCannotOverwriteSecureCookie() throws Exception {
        receive("https://example.com/", "s=1; Secure; Path=/");
        CookieRejectedException rejected = assertThrows(CookieRejectedException.class,
                () -> receive("http://example.com/", "s=2; Path=/"));
        assertEquals(CookieRejectedException.Reason.WOULD_OVERWRITE_SECURE_COOKIE, rejected.reason());
        assertEquals("s=1", header("https://example.com/"));
    }

    @Test
    void expiredCookiesAreNotSentAndArePurged() throws Exception {
        receive("http://example.com/", "short=1; Max-Age=10; Path=/");
        receive("http://example.com/", "long=1; Max-Age=100; Path=/");
        receive("http://example.com/", "session=1; Path=/");
        clock.advance(Duration.ofSeconds(10));
        assertEquals("long=1; session=1", header("http://example.com/"));
        assertEquals(2, jar.size());
        clock.advance(Duration.ofDays(1000));
        assertEquals("session=1", header("http://example.com/"));
    }

    @Test
    void expiredSetCookieDeletesExisting() throws Exception {
        receive("http://example.com/", "a=1; Path=/");
        receive("http://example.com/", "b=1; Path=/");
        receive("http://example.com/", "a=gone; Path=/; Max-Age=0");
        assertEquals("b=1", header("http://example.com/"));
        receive("http://example.com/", "b=gone; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
        assertEquals(Optional.empty(), jar.cookieHeader(URI.create("http://example.com/")));
        assertEquals(0, jar.size());
    }

    @Test
    void differentPathsAreDifferentCookies() throws Exception {
        receive("http://example.com/", "a=root; Path=/");
        receive("http://example.com/", "a=sub; Path=/sub");
        assertEquals("a=sub; a=root", header("http://example.com/sub/x"));
    }

    @Test
    void perDomainLimitEvictsLeastRecentlyUsed() throws Exception {
        CookieJar small = new CookieJar(new CookieJarLimits(3, 100, 4096), clock, PublicSuffixPolicy.SINGLE_LABEL);
        URI site = URI.create("http://example.com/");
        small.receive(site, "a=1; Path=/");
        small.receive(site, "b=1; Path=/");
        small.receive(site, "c=1; Path=/");
        small.receive(URI.create("http://example.com/a"), "a=2; Path=/");
        small.receive(site, "d=1; Path=/");
        assertEquals("a=2; c=1; d=1", small.cookieHeader(site).orElseThrow());
        assertEquals(3, small.size());
        small.receive(URI.create("http://other.com/"), "o=1");
        assertEquals(4, small.size());
    }

    @Test
    void totalLimitEvictsLeastRecentlyUsedAcrossDomains() throws Exception {
        CookieJar small = new CookieJar(new CookieJarLimits(10, 3, 4096), clock, PublicSuffixPolicy.SINGLE_LABEL);
        small.receive(URI.create("http://a.com/"), "a=1");
        small.receive(URI.create("http://b.com/"), "b=1");
        small.receive(URI.create("http://c.com/"), "c=1");
        assertEquals("a=1", small.cookieHeader(URI.create("http://a.com/")).orElseThrow());
        small.receive(URI.create("http://d.com/"), "d=1");
        assertEquals(3, small.size());
        assertTrue(small.cookieHeader(URI.create("http://b.com/")).isEmpty());
        assertEquals("a=1", small.cookieHeader(URI.create("http://a.com/")).orElseThrow());
        assertEquals("c=1", small.cookieHeader(URI.create("http://c.com/")).orElseThrow());
        assertEquals("d=1", small.cookieHeader(URI.create("http://d.com/")).orElseThrow());
    }

    @Test
    void totalLimitPrefersEvictingExpiredCookies() throws Exception {
        CookieJar small = new CookieJar(new CookieJarLimits(10, 2, 4096), clock, PublicSuffixPolicy.SINGLE_LABEL);
        small.receive(URI.create("http://a.com/"), "old=1");
        small.receive(URI.create("http://b.com/"), "short=1; Max-Age=5");
        clock.advance(Duration.ofSeconds(6));
        small.receive(URI.create("http://c.com/"), "new=1");
        assertEquals("old=1", small.cookieHeader(URI.create("http://a.com/")).orElseThrow());
        assertEquals("new=1", small.cookieHeader(URI.create("http://c.com/")).orElseThrow());
    }

    @Test
    void hostileServerCannotGrowJarBeyondLimit() throws Exception {
        for (int i = 0; i < 5000; i++) {
            receive("http://h" + (i % 200) + ".example.com/", "c" + i + "=v; Domain=example.com");
        }
        assertEquals(CookieJarLimits.DEFAULT_MAX_COOKIES_PER_DOMAIN, jar.size());
        for (int i = 0; i < 5000; i++) {
            receive("http://h" + i + ".example.net/", "c=v");
        }
        assertEquals(CookieJarLimits.DEFAULT_MAX_COOKIES, jar.size());
    }

    @Test
    void receiveOrIgnoreDropsRejectedCookies() {
        assertFalse(jar.receiveOrIgnore(URI.create("http://example.com/"), "a=b; Domain=evil.com"));
        assertTrue(jar.receiveOrIgnore(URI.create("http://example.com/"), "a=b"));
        assertEquals(1, jar.size());
    }

    @Test
    void ipHostGetsNoSuffixMatching() throws Exception {
        receive("http://10.0.0.1/", "a=1; Domain=10.0.0.1");
        assertEquals("a=1", header("http://10.0.0.1/"));
        assertEquals("", header("http://1.10.0.0.1/"));
    }

    @Test
    void snapshotListsUnexpiredCookiesInStorageOrder() throws Exception {
        receive("http://b.com/", "b=1");
        receive("http://a.com/", "a=1; Max-Age=5");
        receive("http://c.com/", "c=1");
        clock.advance(Duration.ofSeconds(5));
        List<Cookie> snapshot = jar.snapshot();
        assertEquals(List.of("b", "c"), snapshot.stream().map(Cookie::name).toList());
    }
}
