package dev.arietta.metalink;

import static dev.arietta.metalink.TestResources.digestHex;
import static dev.arietta.metalink.TestResources.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Metalink 4 documents shaped like RFC 5854's examples parse into the expected model. */
class Metalink4ConformanceTest {

    @Test
    void section11ExampleDescribesOneFile() throws MetalinkException {
        MetalinkDocument document = parse("conformance/rfc5854-section-1.1.meta4");

        assertEquals(Instant.parse("2009-05-15T12:23:23Z"), document.published());
        assertNull(document.updated());
        assertNull(document.generator());
        assertNull(document.origin());
        assertFalse(document.dynamic());
        assertEquals(1, document.files().size());
        MetalinkFile file = document.files().get(0);
        assertEquals("example.ext", file.name());
        assertEquals(OptionalLong.of(14471447), file.size());
        assertEquals("Example", file.identity());
        assertEquals("1.0", file.version());
        assertEquals(List.of("en"), file.languages());
        assertEquals("A description of the example file for download.", file.description());
        assertEquals(List.of(new Hash(HashType.SHA_256, digestHex("SHA-256", "example.ext"))), file.hashes());
        assertEquals(List.of(
                MetalinkUrl.of("ftp://ftp.example.com/example.ext", "de", 1),
                MetalinkUrl.of("http://example.com/example.ext", "fr", 1)), file.urls());
        assertEquals(List.of(new Metaurl("http://example.com/example.ext.torrent", "torrent", OptionalInt.of(2), null)),
                file.metaurls());
        assertTrue(file.pieces().isEmpty());
        assertNull(file.signature());
    }

    @Test
    void appendixExampleCarriesPieceHashesInOrder() throws MetalinkException {
        MetalinkDocument document = parse("conformance/rfc5854-appendix-a.meta4");

        assertEquals(List.of("example.ext", "example2.ext"), document.files().stream().map(MetalinkFile::name).toList());
        MetalinkFile second = document.files().get(1);
        assertEquals(1, second.pieces().size());
        PieceHashes pieces = second.pieces().get(0);
        assertEquals(HashType.SHA_1, pieces.type());
        assertEquals(1048576, pieces.pieceLength());
        assertEquals(14, pieces.count());
        for (int i = 0; i < 14; i++) {
            assertEquals(digestHex("SHA-1", "example2.ext piece " + i), pieces.hex(i));
        }
        assertEquals("Another description for a second file.", second.description());
    }

    @Test
    void everyElementIsReadAndExtensionsAreSkipped() throws MetalinkException {
        MetalinkDocument document = parse("conformance/rfc5854-all-elements.meta4");

        assertEquals("MirrorBrain/2.9.2", document.generator());
        assertEquals("http://example.com/example.ext.meta4", document.origin());
        assertTrue(document.dynamic());
        assertEquals(Instant.parse("2009-05-15T12:23:23Z"), document.published());
        assertEquals(Instant.parse("2010-05-01T10:15:02Z"), document.updated());
        assertEquals(1, document.files().size(), "the file inside an unknown element is not a file");

        MetalinkFile file = document.files().get(0);
        assertEquals("dir/example.ext", file.name());
        assertEquals(OptionalLong.of(786430), file.size());
        assertEquals(List.of("en", "de"), file.languages());
        assertEquals(List.of("Linux-x86", "Windows-x86"), file.oses());
        assertEquals("Café & <bar> with <cdata> & stuff", file.description());
        assertEquals("2009 Example Inc.", file.copyright());
        assertEquals("http://example.com/logo.png", file.logo());
        assertEquals(new Publisher("Company Inc.", "http://example.com/"), file.publisher());
        assertEquals(List.of(
                new Hash(HashType.MD5, digestHex("MD5", "dir/example.ext")),
                new Hash(HashType.SHA_1, digestHex("SHA-1", "dir/example.ext")),
                new Hash(HashType.SHA_256, digestHex("SHA-256", "dir/example.ext"))), file.hashes(),
                "the whirlpool hash is of an unknown type and dropped");
        assertEquals(1, file.pieces().size(), "the tiger pieces are of an unknown type and dropped");
        PieceHashes pieces = file.pieces().get(0);
        assertEquals(3, pieces.count());
        assertEquals(digestHex("SHA-1", "p2"), pieces.hex(2));
        assertEquals(List.of(
                MetalinkUrl.of("ftp://ftp.example.com/example.ext", "de", 1),
                new MetalinkUrl("http://example.com/example.ext", "fr", OptionalInt.empty()),
                MetalinkUrl.of("https://example.net/example.ext")), file.urls());
        assertEquals(List.of(
                new Metaurl("http://example.com/example.ext.torrent", "torrent", OptionalInt.of(2), "example/example.ext"),
                new Metaurl("http://example.com/example.ext.meta4", Metaurl.METALINK4, OptionalInt.empty(), null)),
                file.metaurls());
        assertEquals(Signature.PGP, file.signature().mediatype());
        assertTrue(file.signature().content().startsWith("-----BEGIN PGP SIGNATURE-----\nVersion: GnuPG"));
        assertTrue(file.signature().content().endsWith("=sjoi\n-----END PGP SIGNATURE-----"));
    }

    @Test
    void streamAndArrayInputsAgree() throws Exception {
        byte[] bytes = TestResources.bytes("conformance/rfc5854-all-elements.meta4");
        assertEquals(Metalink.parse(bytes), Metalink.parse(new ByteArrayInputStream(bytes)));
    }

    @Test
    void utf16DocumentsAreDecoded() throws MetalinkException {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>"
                + "<metalink xmlns=\"urn:ietf:params:xml:ns:metalink\"><file name=\"naïve-日本.txt\">"
                + "<url>http://example.com/x</url></file></metalink>";
        byte[] utf16 = xml.getBytes(StandardCharsets.UTF_16);

        assertEquals("naïve-日本.txt", Metalink.parse(utf16).files().get(0).name());
    }

    @Test
    void declaredEncodingsAndByteOrderMarksAreHonoured() throws MetalinkException {
        assertEquals("café.txt", parse("hostile/utf8-bom-and-latin1-name.meta4").files().get(0).name());
        assertEquals("café.txt", parse("hostile/latin1-declared.meta4").files().get(0).name());
    }

    @Test
    void commentsAndProcessingInstructionsAreNotContent() throws MetalinkException {
        assertEquals(List.of(MetalinkUrl.of("http://example.com/x")),
                parse("hostile/comment-and-pi-around-root.meta4").files().get(0).urls());
    }

    @Test
    void rfc3339DatesAcceptLowercaseSeparatorsAndOffsets() throws MetalinkException {
        String xml = "<metalink xmlns=\"urn:ietf:params:xml:ns:metalink\"><published>2009-05-15t12:23:23.25z</published>"
                + "<updated>2010-05-01T12:15:02-07:30</updated><file name=\"a\"/></metalink>";

        MetalinkDocument document = Metalink.parse(xml.getBytes(StandardCharsets.UTF_8));

        assertEquals(Instant.parse("2009-05-15T12:23:23.25Z"), document.published());
        assertEquals(Instant.parse("2010-05-01T19:45:02Z"), document.updated());
    }

    @Test
    void prefixedMetalinkNamespaceIsTheSameNamespace() throws MetalinkException {
        String xml = "<m:metalink xmlns:m=\"urn:ietf:params:xml:ns:metalink\"><m:file name=\"a\">"
                + "<m:url>http://example.com/a</m:url><url>http://unqualified.example.com/a</url></m:file></m:metalink>";

        MetalinkFile file = Metalink.parse(xml.getBytes(StandardCharsets.UTF_8)).files().get(0);

        assertEquals(List.of(MetalinkUrl.of("http://example.com/a")), file.urls(),
                "an element in no namespace is foreign and skipped");
    }

    @Test
    void unknownHashTypesAreDroppedAndKnownOnesKept() throws MetalinkException {
        MetalinkFile unknownOnly = TestResources.parse("hostile/unknown-hash-type.meta4").files().get(0);
        assertEquals(List.of(), unknownOnly.hashes(), "whirlpool is not a type Arietta verifies");
        assertEquals(List.of("http://example.com/x"), unknownOnly.urls().stream().map(MetalinkUrl::url).toList());

        MetalinkFile mixed = TestResources.parse("hostile/unknown-piece-hash-type.meta4").files().get(0);
        assertEquals(List.of(new Hash(HashType.MD5, "2c90cadbef42945f0dcff2b959977ff8")), mixed.hashes());
        assertEquals(1, mixed.pieces().size(), "the tiger pieces are skipped, hashes unread");
        assertEquals(HashType.SHA_1, mixed.pieces().get(0).type());
        assertEquals("05669a2ee51edb5dec64f622b0365d88cd2f5569", mixed.pieces().get(0).hex(1));
    }
}
