package dev.arietta.metalink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.metalink.MetalinkException.Kind;
import dev.arietta.metalink.MetalinkHttp.DescribedBy;
import dev.arietta.metalink.MetalinkHttp.Mirror;
import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Metalink/HTTP: Link (RFC 8288, RFC 6249) and Digest (RFC 3230) header values. */
class MetalinkHttpTest {

    private static final URI REQUEST = URI.create("http://origin.example.com/pub/x.iso");

    private static MetalinkHttp links(String... values) throws MetalinkException {
        return MetalinkHttp.parse(REQUEST, List.of(values), List.of());
    }

    private static String base64(String algorithm, String text) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void severalLinksPerValueWithQuotedStringsAndCaseInsensitiveParameters() throws MetalinkException {
        MetalinkHttp http = links(
                "<http://a.example.com/x,1.iso>; rel=duplicate; pri=1; geo=DE; pref, "
                        + "<ftp://b.example.com/x.iso>; REL=\"duplicate\"; PRI=2; Geo=\"us\"; depth=1; title=\"a \\\"b\\\"; c, d\"",
                "<http://c.example.com/x.iso>;rel=duplicate");

        assertEquals(List.of(
                new Mirror(URI.create("http://a.example.com/x,1.iso"), OptionalInt.of(1), "de", true, OptionalInt.empty()),
                new Mirror(URI.create("ftp://b.example.com/x.iso"), OptionalInt.of(2), "us", false, OptionalInt.of(1)),
                new Mirror(URI.create("http://c.example.com/x.iso"), OptionalInt.empty(), null, false, OptionalInt.empty())),
                http.mirrors());
        assertEquals(List.of(), http.describedBy());
        assertEquals(List.of(), http.digests());
    }

    @Test
    void describedByLinksCarryTheirMediaType() throws MetalinkException {
        MetalinkHttp http = links(
                "<http://example.com/x.iso.meta4>; rel=describedby; type=\"application/metalink4+xml\"",
                "<x.iso.torrent>; rel=describedby; type=application/x-bittorrent",
                "</sig/x.iso.asc>; rel=\"describedby\"; type=\"Application/PGP-Signature\"",
                "<http://example.com/about>; rel=describedby");

        assertEquals(List.of(
                new DescribedBy(URI.create("http://example.com/x.iso.meta4"), Metaurl.METALINK4),
                new DescribedBy(URI.create("http://origin.example.com/pub/x.iso.torrent"), "application/x-bittorrent"),
                new DescribedBy(URI.create("http://origin.example.com/sig/x.iso.asc"), Signature.PGP),
                new DescribedBy(URI.create("http://example.com/about"), null)), http.describedBy());
        assertTrue(http.describedBy().get(0).isMetalink());
        assertTrue(http.describedBy().get(1).isTorrent());
    }

    @Test
    void otherRelationsAndLinksWithoutRelAreIgnored() throws MetalinkException {
        MetalinkHttp http = links(
                "<http://example.com/next>; rel=next, <http://example.com/norel>; pri=1",
                " , ,<http://example.com/both>; rel=\"duplicate describedby\"; type=text/html,",
                "<http://example.com/first-wins>; rel=duplicate; rel=describedby",
                "");

        assertEquals(List.of(URI.create("http://example.com/both"), URI.create("http://example.com/first-wins")),
                http.mirrors().stream().map(Mirror::uri).toList());
        assertEquals(List.of(URI.create("http://example.com/both")), http.describedBy().stream().map(DescribedBy::uri).toList());
    }

    @Test
    void mirrorsOrderPreferredFirstThenPriorityWithLocationBoost() throws MetalinkException {
        MetalinkHttp http = links(
                "<http://a/x>; rel=duplicate; pri=3",
                "<http://b/x>; rel=duplicate; pri=1",
                "<http://c/x>; rel=duplicate; pri=5; pref",
                "<http://d/x>; rel=duplicate; pri=2; geo=jp",
                "<http://e/x>; rel=duplicate",
                "<http://f/x>; rel=duplicate; pri=9; pref; geo=jp");

        assertEquals(List.of("http://f/x", "http://c/x", "http://d/x", "http://b/x", "http://a/x", "http://e/x"),
                http.orderedMirrors(MetalinkPreferences.builder().locations(List.of("JP")).build()).stream().map(URI::toString).toList());
        assertEquals(List.of("http://c/x", "http://f/x", "http://b/x", "http://d/x", "http://a/x", "http://e/x"),
                http.orderedMirrors(MetalinkPreferences.DEFAULT).stream().map(URI::toString).toList());
    }

    @Test
    void linkCountIsBounded() {
        MetalinkException error = assertThrows(MetalinkException.class, () -> MetalinkHttp.parse(REQUEST,
                List.of("<http://a/>; rel=duplicate, <http://b/>; rel=next", "<http://c/>"), List.of(),
                MetalinkLimits.DEFAULT.withMaxHeaderEntries(2)));
        assertEquals(Kind.LIMIT_EXCEEDED, error.kind());
        assertEquals("Link headers hold more than 2 links", error.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "http://x/; rel=duplicate|Link header \"http://x/; rel=duplicate\": expected '<' to start a link at position 0",
        "<http://x/; rel=duplicate|Link header \"<http://x/; rel=duplicate\": link target has no closing '>' at position 0",
        "<http://x/> junk|Link header \"<http://x/> junk\": expected ';' or ',' after a link parameter at position 12",
        "<http://x/>; title=\"open|Link header \"<http://x/>; title=\"open\": quoted string has no closing '\"' at position 19",
        "<http://x/>; =a|Link header \"<http://x/>; =a\": expected a parameter name at position 13",
        "<http://x/>; rel=duplicate; pri=0|Link <http://x/>: pri \"0\" is not an integer from 1 to 999999",
        "<http://x/>; rel=duplicate; pri=1000000|Link <http://x/>: pri \"1000000\" is not an integer from 1 to 999999",
        "<http://x/>; rel=duplicate; pri=high|Link <http://x/>: pri \"high\" is not an integer from 1 to 999999",
        "<http://x/>; rel=duplicate; pri=+1|Link <http://x/>: pri \"+1\" is not an integer from 1 to 999999",
        "<http://x/>; rel=duplicate; depth=-1|Link <http://x/>: depth \"-1\" is not an integer from 0 to 2147483647",
        "<http://bad host[/>; rel=duplicate|Link target \"http://bad host[/\" is not a URI",
    })
    void malformedLinkValuesAreRefused(String value, String detail) {
        MetalinkException error = assertThrows(MetalinkException.class, () -> links(value));
        assertEquals(Kind.MALFORMED_HEADER, error.kind());
        assertEquals(detail, error.getMessage());
        assertEquals(-1, error.line());
    }

    @Test
    void relativeTargetWithoutRequestUriIsRefused() {
        MetalinkException error = assertThrows(MetalinkException.class,
                () -> MetalinkHttp.parse(null, List.of("</x.iso>; rel=duplicate"), List.of()));
        assertEquals("Link target \"/x.iso\" is relative and there is no request URI to resolve it against", error.getMessage());
    }

    @Test
    void digestsMapToAria2NamesStrongestFirst() throws Exception {
        String sha256 = base64("SHA-256", "x");
        String sha1 = base64("SHA-1", "x");
        String md5 = base64("MD5", "x");
        String sha512 = base64("SHA-512", "x");

        MetalinkHttp http = MetalinkHttp.parse(REQUEST, List.of(),
                List.of("MD5=" + md5 + ", SHA=" + sha1 + ",UNIXsum=30637", "sha-256=" + sha256 + " , CRC32C=AAAAAA==", "SHA-512=" + sha512));

        assertEquals(List.of(
                new Hash(HashType.SHA_512, TestResources.digestHex("SHA-512", "x")),
                new Hash(HashType.SHA_256, TestResources.digestHex("SHA-256", "x")),
                new Hash(HashType.SHA_1, TestResources.digestHex("SHA-1", "x")),
                new Hash(HashType.MD5, TestResources.digestHex("MD5", "x"))), http.digests());
        assertEquals(HashType.SHA_512, http.strongestDigest().type());
    }

    @Test
    void contradictingDigestsOfOneTypeAreDropped() throws Exception {
        MetalinkHttp http = MetalinkHttp.parse(REQUEST, List.of(), List.of(
                "SHA-256=" + base64("SHA-256", "x"), "SHA-256=" + base64("SHA-256", "y"),
                "MD5=" + base64("MD5", "x") + ", md5=" + base64("MD5", "x")));

        assertEquals(List.of(new Hash(HashType.MD5, TestResources.digestHex("MD5", "x"))), http.digests());
        assertNull(MetalinkHttp.parse(REQUEST, List.of(), List.of("UNIXsum=1")).strongestDigest());
    }

    @Test
    void badDigestsAreRefused() throws Exception {
        MetalinkException notBase64 = assertThrows(MetalinkException.class,
                () -> MetalinkHttp.parse(REQUEST, List.of(), List.of("SHA-256=!!!notbase64")));
        assertEquals(Kind.MALFORMED_HEADER, notBase64.kind());
        assertTrue(notBase64.getMessage().startsWith("Digest SHA-256 value \"!!!notbase64\" is not base64: "), notBase64.getMessage());

        MetalinkException wrongLength = assertThrows(MetalinkException.class,
                () -> MetalinkHttp.parse(REQUEST, List.of(), List.of("SHA-256=" + base64("SHA-1", "x"))));
        assertEquals("Digest SHA-256 value is 20 bytes, sha-256 digests are 32", wrongLength.getMessage());

        MetalinkException noEquals = assertThrows(MetalinkException.class,
                () -> MetalinkHttp.parse(REQUEST, List.of(), List.of("SHA-256")));
        assertEquals("Digest item \"SHA-256\" is not algorithm=value", noEquals.getMessage());

        MetalinkException tooMany = assertThrows(MetalinkException.class,
                () -> MetalinkHttp.parse(REQUEST, List.of(), List.of("A=1, B=2, C=3"), MetalinkLimits.DEFAULT.withMaxHeaderEntries(2)));
        assertEquals(Kind.LIMIT_EXCEEDED, tooMany.kind());
        assertEquals("Digest headers hold more than 2 digests", tooMany.getMessage());

        MetalinkException unknownBadValue = null;
        try {
            MetalinkHttp.parse(REQUEST, List.of(), List.of("UNIXsum=!!!"));
        } catch (MetalinkException e) {
            unknownBadValue = e;
        }
        assertNull(unknownBadValue, "values of unknown algorithms are not decoded");
    }

    @Test
    void overlongHeaderValuesAreRefused() {
        MetalinkLimits limits = MetalinkLimits.DEFAULT.withMaxTextLength(10);
        assertEquals("Link header value is longer than 10 characters", assertThrows(MetalinkException.class,
                () -> MetalinkHttp.parse(REQUEST, List.of("<http://example.com/>"), List.of(), limits)).getMessage());
        assertEquals("Digest header value is longer than 10 characters", assertThrows(MetalinkException.class,
                () -> MetalinkHttp.parse(REQUEST, List.of(), List.of("MD5=AAAAAAAAAAAAAAAAAAAAAA=="), limits)).getMessage());
    }
}
