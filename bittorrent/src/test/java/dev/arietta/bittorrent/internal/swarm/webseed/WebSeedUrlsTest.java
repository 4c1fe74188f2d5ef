package dev.arietta.bittorrent.internal.swarm.webseed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BEP 19 file URLs: built from the torrent's own names, every element percent-encoded. */
class WebSeedUrlsTest {

    @Test
    void aSingleFileUrlEndingInASlashGetsTheEncodedName() {
        assertEquals(List.of(URI.create("http://h/d/r%C3%A9sum%C3%A9%20%3F%231.pdf")),
                WebSeedUrls.fileUris("http://h/d/", "résumé ?#1.pdf", List.of(List.of("résumé ?#1.pdf")), false));
        assertEquals(List.of(URI.create("ftp://h/exact.bin")),
                WebSeedUrls.fileUris("ftp://h/exact.bin", "other name", List.of(List.of("other name")), false));
    }

    @Test
    void dotElementsStayNamesAndNeverBecomeDotSegments() {
        List<URI> uris = WebSeedUrls.fileUris("http://h/root", "..", List.of(List.of(".", "a.b~_-"),
                List.of("..", "x/y")), true);
        assertEquals(List.of(URI.create("http://h/root/%2E%2E/%2E/a.b~_-"),
                URI.create("http://h/root/%2E%2E/%2E%2E/x%2Fy")), uris);
    }
}
