package dev.arietta.metalink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.metalink.MetalinkPreferences.Protocol;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Every preference option, with aria2's semantics, on the conformance corpus. */
class SelectionTest {

    private static List<String> uris(SelectedFile file) {
        return file.uris().stream().map(URI::toString).toList();
    }

    private static SelectedFile app(MetalinkPreferences preferences) throws MetalinkException {
        List<SelectedFile> selected = Metalink.select(TestResources.parse("conformance/preferences.meta4"), preferences);
        assertEquals("app.iso", selected.get(0).file().name());
        return selected.get(0);
    }

    @Test
    void defaultsRankByPriorityAndKeepOneProtocolPerHost() throws MetalinkException {
        SelectedFile app = app(MetalinkPreferences.DEFAULT);

        assertEquals(List.of(
                "http://us.example.com/app.iso",
                "ftp://de.example.com/app.iso",
                "https://jp.example.com/app.iso",
                "http://noprio.example.com/app.iso"), uris(app),
                "rsync and magnet are not mirrors, the duplicate goes, http://de and http://JP lose to their hosts' better protocols");
    }

    @Test
    void uniqueProtocolOffKeepsEveryProtocol() throws MetalinkException {
        SelectedFile app = app(MetalinkPreferences.builder().uniqueProtocol(false).build());

        assertEquals(List.of(
                "http://us.example.com/app.iso",
                "ftp://de.example.com/app.iso",
                "http://de.example.com/app.iso",
                "https://jp.example.com/app.iso",
                "http://JP.example.com/app.iso",
                "http://noprio.example.com/app.iso"), uris(app));
    }

    @Test
    void preferredLocationComesFirstIgnoringCase() throws MetalinkException {
        assertEquals(List.of(
                "https://jp.example.com/app.iso",
                "http://us.example.com/app.iso",
                "ftp://de.example.com/app.iso",
                "http://noprio.example.com/app.iso"), uris(app(MetalinkPreferences.builder().locations(List.of("JP")).build())));
        assertEquals(List.of(
                "ftp://de.example.com/app.iso",
                "http://de.example.com/app.iso",
                "https://jp.example.com/app.iso",
                "http://JP.example.com/app.iso",
                "http://us.example.com/app.iso",
                "http://noprio.example.com/app.iso"),
                uris(app(MetalinkPreferences.builder().locations(List.of("de", "jp")).uniqueProtocol(false).build())));
    }

    @Test
    void preferredProtocolComesFirst() throws MetalinkException {
        assertEquals(List.of(
                "http://us.example.com/app.iso",
                "http://de.example.com/app.iso",
                "http://JP.example.com/app.iso",
                "http://noprio.example.com/app.iso"),
                uris(app(MetalinkPreferences.builder().preferredProtocol(Protocol.HTTP).build())));
        assertEquals(List.of(
                "https://jp.example.com/app.iso",
                "http://us.example.com/app.iso",
                "ftp://de.example.com/app.iso",
                "http://noprio.example.com/app.iso"),
                uris(app(MetalinkPreferences.builder().preferredProtocol(Protocol.HTTPS).build())));
    }

    @Test
    void locationAndProtocolBoostsAdd() throws MetalinkException {
        assertEquals(List.of(
                "ftp://de.example.com/app.iso",
                "http://us.example.com/app.iso",
                "https://jp.example.com/app.iso",
                "http://noprio.example.com/app.iso"),
                uris(app(MetalinkPreferences.builder().locations(List.of("de")).preferredProtocol(Protocol.FTP).build())));
    }

    @Test
    void strongestHashesAndOrderedMetaurlsAreChosen() throws MetalinkException {
        SelectedFile app = app(MetalinkPreferences.DEFAULT);

        assertEquals(HashType.SHA_512, app.hash().type());
        assertEquals(TestResources.digestHex("SHA-512", "app"), app.hash().hex());
        assertEquals(HashType.SHA_256, app.pieceHashes().type());
        assertEquals(TestResources.digestHex("SHA-256", "p1"), app.pieceHashes().hex(1));
        assertEquals(List.of("http://example.com/app.iso.meta4", "http://example.com/app.iso.torrent"),
                app.metaurls().stream().map(Metaurl::url).toList());
    }

    @Test
    void fileWithoutUsableMirrorsIsStillSelected() throws MetalinkException {
        List<SelectedFile> selected = Metalink.select(TestResources.parse("conformance/preferences.meta4"), MetalinkPreferences.DEFAULT);

        assertEquals("only-rsync.iso", selected.get(1).file().name());
        assertEquals(List.of(), selected.get(1).uris());
        assertEquals(null, selected.get(1).hash());
        assertEquals(null, selected.get(1).pieceHashes());
    }

    private static List<String> names(MetalinkPreferences preferences) throws MetalinkException {
        return Metalink.select(TestResources.parse("conformance/multi-file.meta4"), preferences).stream()
                .map(file -> file.file().name()).toList();
    }

    @Test
    void versionLanguageAndOsFilterFiles() throws MetalinkException {
        assertEquals(List.of("linux/app-1.0-en.tar.gz", "linux/app-1.0-de.tar.gz", "windows/app-1.0-en.zip",
                "linux/app-2.0-en.tar.gz"), names(MetalinkPreferences.DEFAULT));
        assertEquals(List.of("linux/app-1.0-en.tar.gz", "linux/app-1.0-de.tar.gz", "windows/app-1.0-en.zip"),
                names(MetalinkPreferences.builder().version("1.0").build()));
        assertEquals(List.of("linux/app-2.0-en.tar.gz"), names(MetalinkPreferences.builder().version("2.0").build()));
        assertEquals(List.of("linux/app-1.0-en.tar.gz", "windows/app-1.0-en.zip", "linux/app-2.0-en.tar.gz"),
                names(MetalinkPreferences.builder().language("en").build()));
        assertEquals(List.of("linux/app-1.0-de.tar.gz"), names(MetalinkPreferences.builder().language("DE").build()));
        assertEquals(List.of("linux/app-1.0-en.tar.gz", "linux/app-1.0-de.tar.gz", "linux/app-2.0-en.tar.gz"),
                names(MetalinkPreferences.builder().os("Linux-x86_64").build()));
        assertEquals(List.of("windows/app-1.0-en.zip"),
                names(MetalinkPreferences.builder().version("1.0").language("en").os("windows-x86").build()));
        assertEquals(List.of(), names(MetalinkPreferences.builder().language("fr").build()));
    }

    @Test
    void relativeUrlsResolveAgainstTheDocumentUri() throws MetalinkException {
        MetalinkDocument document = TestResources.parse("conformance/relative-urls.meta4");

        SelectedFile file = Metalink.select(document, URI.create("http://host.example.com/dir/doc.meta4"),
                MetalinkPreferences.builder().baseUri(URI.create("ftp://ignored.example.com/")).build()).get(0);

        assertEquals(List.of(
                "http://host.example.com/dir/example.ext",
                "http://host.example.com/mirror/example.ext",
                "http://host.example.com/root/example.ext",
                "http://absolute.example.com/example.ext",
                "http://other.example.com/example.ext",
                "http://spaces.example.com/my%20file.ext"), uris(file));
        assertEquals(List.of("http://host.example.com/dir/example.ext.torrent"), file.metaurls().stream().map(Metaurl::url).toList());
    }

    @Test
    void relativeUrlsOfALocalFileResolveAgainstTheBaseUri() throws MetalinkException {
        MetalinkDocument document = TestResources.parse("conformance/relative-urls.meta4");

        SelectedFile file = Metalink.select(document,
                MetalinkPreferences.builder().baseUri(URI.create("ftp://base.example.com")).build()).get(0);

        assertEquals(List.of(
                "ftp://base.example.com/example.ext",
                "ftp://base.example.com/mirror/example.ext",
                "ftp://base.example.com/root/example.ext",
                "http://absolute.example.com/example.ext",
                "ftp://other.example.com/example.ext",
                "http://spaces.example.com/my%20file.ext"), uris(file));
    }

    @Test
    void relativeUrlsWithoutABaseAreDropped() throws MetalinkException {
        SelectedFile file = Metalink.select(TestResources.parse("conformance/relative-urls.meta4"), MetalinkPreferences.DEFAULT).get(0);

        assertEquals(List.of("http://absolute.example.com/example.ext", "http://spaces.example.com/my%20file.ext"), uris(file));
        assertEquals(List.of(), file.metaurls());
    }

    @Test
    void metalink3PreferencesRankAsAria2Ranks() throws MetalinkException {
        SelectedFile file = Metalink.select(TestResources.parse("conformance/metalink3-pieces.metalink"), MetalinkPreferences.DEFAULT).get(0);

        assertEquals(List.of(
                "ftp://ftphost/aria2-0.5.2.tar.bz2",
                "http://overhundred/aria2-0.5.2.tar.bz2",
                "http://httphost/aria2-0.5.2.tar.bz2",
                "https://lowest/aria2-0.5.2.tar.bz2",
                "http://nopreference/aria2-0.5.2.tar.bz2",
                "http://negative/aria2-0.5.2.tar.bz2"), uris(file));
        assertEquals(HashType.SHA_256, file.hash().type());
    }

    @Test
    void randomGeneratorShufflesOnlyWithinEqualRanks() throws MetalinkException {
        MetalinkFile.Builder builder = MetalinkFile.builder("x").addUrl(MetalinkUrl.of("http://best/x", null, 1));
        for (String host : List.of("a", "b", "c", "d", "e")) {
            builder.addUrl(MetalinkUrl.of("http://" + host + "/x", null, 7));
        }
        builder.addUrl(MetalinkUrl.of("http://worst/x", null, 9));
        MetalinkDocument document = MetalinkDocument.of(List.of(builder.build()));

        Set<List<String>> orders = new HashSet<>();
        for (long seed = 0; seed < 40; seed++) {
            List<String> order = uris(Metalink.select(document, null, MetalinkPreferences.DEFAULT, new SplittableRandom(seed)).get(0));
            assertEquals("http://best/x", order.get(0));
            assertEquals("http://worst/x", order.get(6));
            assertEquals(Set.of("http://a/x", "http://b/x", "http://c/x", "http://d/x", "http://e/x"), Set.copyOf(order.subList(1, 6)));
            orders.add(order);
            assertEquals(order, uris(Metalink.select(document, null, MetalinkPreferences.DEFAULT, new SplittableRandom(seed)).get(0)),
                    "the same seed gives the same order");
        }
        assertTrue(orders.size() > 10, "ties are spread: " + orders.size() + " orders seen");
    }

    @Test
    void preferencesFromAria2Options() {
        MetalinkPreferences preferences = MetalinkPreferences.fromOptions(Map.of(
                "metalink-location", "JP, us,,",
                "metalink-language", "en-US",
                "metalink-os", "Linux-x86",
                "metalink-version", "1.2",
                "metalink-preferred-protocol", "HTTPS",
                "metalink-enable-unique-protocol", "false",
                "metalink-base-uri", "http://example.com/base/",
                "split", "5"));

        assertEquals(new MetalinkPreferences(List.of("jp", "us"), "en-US", "Linux-x86", "1.2", Protocol.HTTPS, false,
                URI.create("http://example.com/base/")), preferences);
        assertEquals(MetalinkPreferences.DEFAULT, MetalinkPreferences.fromOptions(Map.of()));
        assertEquals(new MetalinkPreferences(List.of(), null, null, null, Protocol.NONE, true, null), MetalinkPreferences.DEFAULT);
    }

    @Test
    void malformedOptionsAreRefused() {
        assertEquals("metalink-preferred-protocol must be http, https, ftp or none, was \"sftp\"",
                assertThrows(IllegalArgumentException.class,
                        () -> MetalinkPreferences.fromOptions(Map.of("metalink-preferred-protocol", "sftp"))).getMessage());
        assertEquals("metalink-enable-unique-protocol must be true or false, was \"yes\"",
                assertThrows(IllegalArgumentException.class,
                        () -> MetalinkPreferences.fromOptions(Map.of("metalink-enable-unique-protocol", "yes"))).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> MetalinkPreferences.fromOptions(Map.of("metalink-base-uri", "relative/path")));
        assertThrows(IllegalArgumentException.class,
                () -> MetalinkPreferences.fromOptions(Map.of("metalink-base-uri", "http://bad host/")));
    }
}
