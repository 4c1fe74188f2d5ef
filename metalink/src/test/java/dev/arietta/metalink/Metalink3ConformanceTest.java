package dev.arietta.metalink;

import static dev.arietta.metalink.TestResources.digestHex;
import static dev.arietta.metalink.TestResources.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Metalink 3.0 documents map onto the Metalink 4 model as documented in Metalink3Reader. */
class Metalink3ConformanceTest {

    @Test
    void documentAttributesMapToTheModel() throws MetalinkException {
        MetalinkDocument document = parse("conformance/metalink3-pieces.metalink");

        assertEquals("Metalink Editor/2.0dev", document.generator());
        assertEquals("http://example.com/aria2.metalink", document.origin());
        assertTrue(document.dynamic());
        assertEquals(Instant.parse("2006-05-15T00:00:01Z"), document.published());
        assertNull(document.updated(), "an unparsable refreshdate is ignored");
    }

    @Test
    void fileVerificationAndResourcesMapToTheModel() throws MetalinkException {
        MetalinkFile file = parse("conformance/metalink3-pieces.metalink").files().get(0);

        assertEquals("aria2-0.5.2.tar.bz2", file.name());
        assertEquals("aria2", file.identity());
        assertEquals("0.5.2", file.version());
        assertEquals(OptionalLong.of(786430), file.size());
        assertEquals(List.of("en-US"), file.languages());
        assertEquals(List.of("Linux-x86"), file.oses());
        assertEquals(new Publisher("Tatsuhiro Tsujikawa", null), file.publisher());
        assertEquals(List.of(
                new Hash(HashType.MD5, digestHex("MD5", "aria2")),
                new Hash(HashType.SHA_1, digestHex("SHA-1", "aria2")),
                new Hash(HashType.SHA_256, digestHex("SHA-256", "aria2"))), file.hashes(),
                "sha1 and sha256 are normalized; crc32 is unknown and dropped");
        assertEquals(new Signature(Signature.PGP, "-----BEGIN PGP SIGNATURE-----\nv3 signature body\n-----END PGP SIGNATURE-----"),
                file.signature());
    }

    @Test
    void pieceHashesAreOrderedByTheirPieceIndex() throws MetalinkException {
        PieceHashes pieces = parse("conformance/metalink3-pieces.metalink").files().get(0).pieces().get(0);

        assertEquals(HashType.SHA_1, pieces.type());
        assertEquals(262144, pieces.pieceLength());
        assertEquals(3, pieces.count());
        for (int i = 0; i < 3; i++) {
            assertEquals(digestHex("SHA-1", "v3 piece " + i), pieces.hex(i));
        }
    }

    @Test
    void preferenceMapsToPriorityAsAria2Does() throws MetalinkException {
        MetalinkFile file = parse("conformance/metalink3-pieces.metalink").files().get(0);

        assertEquals(List.of(
                MetalinkUrl.of("ftp://ftphost/aria2-0.5.2.tar.bz2", "jp", 1),
                MetalinkUrl.of("http://httphost/aria2-0.5.2.tar.bz2", "us", 11),
                MetalinkUrl.of("http://nopreference/aria2-0.5.2.tar.bz2"),
                new MetalinkUrl("https://lowest/aria2-0.5.2.tar.bz2", null, OptionalInt.of(101)),
                new MetalinkUrl("http://overhundred/aria2-0.5.2.tar.bz2", null, OptionalInt.of(1)),
                MetalinkUrl.of("http://negative/aria2-0.5.2.tar.bz2")), file.urls());
        assertEquals(List.of(new Metaurl("http://httphost/aria2-0.5.2.tar.bz2.torrent", Metaurl.TORRENT, OptionalInt.of(6), null)),
                file.metaurls(), "a bittorrent url becomes a torrent metaurl");
    }

    @Test
    void multiFileDocumentKeepsDirectoriesAndSkipsDocumentLevelExtras() throws MetalinkException {
        MetalinkDocument document = parse("conformance/metalink3-multi-file.metalink");

        assertEquals(List.of("aria2-5.0.0.tar.bz2", "debian/aria2-5.0.0.deb"),
                document.files().stream().map(MetalinkFile::name).toList());
        assertEquals(List.of(
                MetalinkUrl.of("http://localhost/aria2-5.0.0.deb", "de", MetalinkUrl.LOWEST_PRIORITY).url(),
                "ftp://localhost/aria2-5.0.0.deb"),
                document.files().get(1).urls().stream().map(MetalinkUrl::url).toList());
        assertEquals(OptionalLong.empty(), document.files().get(0).size());
    }
}
