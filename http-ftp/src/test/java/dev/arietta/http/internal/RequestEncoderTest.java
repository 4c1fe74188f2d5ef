package dev.arietta.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestEncoderTest {

    private static final RequestEncoder.Additions PLAIN = new RequestEncoder.Additions("ua", null, null, null);

    private static String text(ByteBuffer buffer) {
        return StandardCharsets.ISO_8859_1.decode(buffer).toString();
    }

    @Test
    void originFormWithDefaultHeaders() {
        String head = text(RequestEncoder.encode(HttpRequest.get(URI.create("http://Example.COM/a/b?c=d#frag")).build(),
                false, PLAIN));
        assertEquals("GET /a/b?c=d HTTP/1.1\r\nHost: example.com\r\nUser-Agent: ua\r\nAccept: */*\r\n\r\n", head);
    }

    @Test
    void absoluteFormThroughAProxyWithoutUserInfo() {
        HttpRequest request = HttpRequest.get(URI.create("http://user:pw@example.com:8080")).build();
        String head = text(RequestEncoder.encode(request, true,
                new RequestEncoder.Additions("ua", null, new Credentials("p", "q"), null)));
        assertTrue(head.startsWith("GET http://example.com:8080/ HTTP/1.1\r\nHost: example.com:8080\r\n"), head);
        assertTrue(head.contains("Proxy-Authorization: Basic cDpx\r\n"), head);
    }

    @Test
    void ipv6HostsAreBracketedAndDefaultPortsDropped() {
        assertEquals("[2001:db8::1]:8443", RequestEncoder.hostHeader(URI.create("https://[2001:db8::1]:8443/")));
        assertEquals("[2001:db8::1]", RequestEncoder.hostHeader(URI.create("https://[2001:db8::1]:443/")));
        assertEquals("CONNECT [2001:db8::1]:443 HTTP/1.1\r\nHost: [2001:db8::1]:443\r\nUser-Agent: ua\r\n\r\n",
                text(RequestEncoder.encodeConnect("2001:db8::1", 443, "ua", null)));
    }

    @Test
    void customHeadersReplaceTheClientsOwn() {
        HttpRequest request = HttpRequest.get(URI.create("http://example.com/")).header("user-agent", "mine")
                .header("X-A", "1").header("X-A", "2").build();
        String head = text(RequestEncoder.encode(request, false, PLAIN));
        assertFalse(head.contains("User-Agent: ua"), head);
        assertTrue(head.endsWith("user-agent: mine\r\nX-A: 1\r\nX-A: 2\r\n\r\n"), head);
    }

    @Test
    void describeMasksSecrets() {
        HttpRequest request = HttpRequest.get(URI.create("http://u:topsecret@example.com/x")).build();
        String description = RequestEncoder.describe(request, true, new RequestEncoder.Additions("ua",
                new Credentials("u", "topsecret"), new Credentials("p", "proxysecret"), "sid=cookiesecret"));
        assertFalse(description.contains("secret"), description);
        assertTrue(description.contains("Authorization: ****"), description);
        assertTrue(description.contains("Cookie: ****"), description);
        assertEquals("Credentials[user=u, password=****]", new Credentials("u", "topsecret").toString());
    }

    @Test
    void refusesHeaderInjectionAndOtherSchemes() {
        HttpRequest.Builder builder = HttpRequest.get(URI.create("http://example.com/"));
        assertThrows(IllegalArgumentException.class, () -> builder.header("X", "a\r\nInjected: yes"));
        assertThrows(IllegalArgumentException.class, () -> builder.header("Bad Name", "v"));
        assertThrows(IllegalArgumentException.class, () -> builder.referer("http://x/\n"));
        assertThrows(IllegalArgumentException.class, () -> HttpRequest.get(URI.create("gopher://example.com/")));
        assertThrows(IllegalArgumentException.class, () -> new Credentials("a:b", "c"));
    }

    @Test
    void ftpThroughAProxyGoesInAbsoluteFormWithPort21AsDefault() {
        HttpRequest request = HttpRequest.get(URI.create("ftp://joe:secret@Example.com:21/pub/f.iso")).build();
        assertEquals("ftp://example.com/pub/f.iso", RequestEncoder.target(request.uri(), true));
        assertEquals("example.com", RequestEncoder.hostHeader(request.uri()));
        assertEquals("example.com:2121", RequestEncoder.hostHeader(URI.create("ftp://example.com:2121/f")));
    }
}
