package dev.arietta.metalink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arietta.metalink.MetalinkException.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Each {@link MetalinkLimits} bound, on inputs generated here (too large to commit): just
 * under the bound parses, just over it fails with LIMIT_EXCEEDED and a message naming it.
 */
class LimitsTest {

    private static final String HEAD = "<?xml version=\"1.0\"?>\n<metalink xmlns=\"urn:ietf:params:xml:ns:metalink\" xmlns:x=\"urn:x\">\n";
    private static final String TAIL = "</metalink>\n";

    private static byte[] document(String body) {
        return (HEAD + body + TAIL).getBytes(StandardCharsets.UTF_8);
    }

    private static String file(String name, String inner) {
        return "<file name=\"" + name + "\"><url>http://example.com/" + name + "</url>" + inner + "</file>\n";
    }

    private static void assertLimit(String detail, Executable parse) {
        MetalinkException error = assertThrows(MetalinkException.class, parse);
        assertEquals(Kind.LIMIT_EXCEEDED, error.kind());
        assertEquals(detail, error.detail());
    }

    @Test
    void aMillionElementsExceedTheDefaultElementLimit() {
        StringBuilder inner = new StringBuilder(7 * 1_000_000);
        for (int i = 0; i < 1_000_000; i++) {
            inner.append("<x:e/>");
        }
        byte[] input = document(file("x", inner.toString()));

        assertLimit("document has more than 1000000 elements", () -> Metalink.parse(input));
    }

    @Test
    void elementLimitCountsEveryElement() throws MetalinkException {
        byte[] input = document(file("x", "<x:a/><x:b/>"));
        // metalink, file, url, x:a, x:b
        MetalinkParser.create(MetalinkLimits.DEFAULT.withMaxElements(5)).parse(input);
        assertLimit("document has more than 4 elements",
                () -> MetalinkParser.create(MetalinkLimits.DEFAULT.withMaxElements(4)).parse(input));
    }

    @Test
    void hugeTextExceedsTheDefaultTextLimit() {
        byte[] input = document(file("x", "<description>" + "a".repeat(MetalinkLimits.DEFAULT_MAX_TEXT_LENGTH + 1) + "</description>"));

        assertLimit("text of <description> is longer than 1048576 characters", () -> Metalink.parse(input));
    }

    @Test
    void textSplitAcrossCdataAndCharactersCountsWhole() throws MetalinkException {
        String half = "a".repeat(50);
        byte[] input = document(file("x", "<description>" + half + "<![CDATA[" + half + "]]>b</description>"));
        MetalinkParser parser = MetalinkParser.create(MetalinkLimits.DEFAULT.withMaxTextLength(101));
        assertEquals(half + half + "b", parser.parse(input).files().get(0).description());

        assertLimit("text of <description> is longer than 100 characters",
                () -> MetalinkParser.create(MetalinkLimits.DEFAULT.withMaxTextLength(100)).parse(input));
    }

    @Test
    void hugeAttributeExceedsTheTextLimit() {
        byte[] input = document(file("a".repeat(MetalinkLimits.DEFAULT_MAX_TEXT_LENGTH + 1), ""));

        assertLimit("attribute name of <file> is longer than 1048576 characters", () -> Metalink.parse(input));
    }

    @Test
    void deepNestingExceedsTheDepthLimit() throws MetalinkException {
        byte[] input = document(file("x", "<x:a><x:b/></x:a>"));
        MetalinkParser.create(MetalinkLimits.DEFAULT.withMaxDepth(4)).parse(input);
        assertLimit("elements nest deeper than 3 levels",
                () -> MetalinkParser.create(MetalinkLimits.DEFAULT.withMaxDepth(3)).parse(input));
    }

    @Test
    void attributeCountLimitExcludesNamespaceDeclarations() throws MetalinkException {
        byte[] input = document(file("x", "<x:a one=\"1\" two=\"2\"/>"));
        MetalinkParser.create(MetalinkLimits.DEFAULT.withMaxAttributes(2)).parse(input);
        assertLimit("<a> has more than 1 attributes",
                () -> MetalinkParser.create(MetalinkLimits.DEFAULT.withMaxAttributes(1)).parse(input));
    }

    @Test
    void fileCountLimit() throws MetalinkException {
        byte[] input = document(file("a", "") + file("b", "") + file("c", ""));
        assertEquals(3, MetalinkParser.create(MetalinkLimits.DEFAULT.withMaxFiles(3)).parse(input).files().size());
        assertLimit("metalink has more than 2 files",
                () -> MetalinkParser.create(MetalinkLimits.DEFAULT.withMaxFiles(2)).parse(input));
    }

    @Test
    void urlAndMetaurlLimitsPerFile() throws MetalinkException {
        MetalinkParser two = MetalinkParser.create(MetalinkLimits.DEFAULT.withMaxUrlsPerFile(2));
        byte[] urls = document(file("x", "<url>http://b/x</url><url>http://c/x</url>"));
        byte[] metaurls = document(file("x", "<metaurl mediatype=\"torrent\">http://a/t</metaurl>".repeat(3)));
        two.parse(document(file("x", "<url>http://b/x</url>" + "<metaurl mediatype=\"torrent\">http://a/t</metaurl>".repeat(2))));

        assertLimit("file \"x\": more than 2 urls", () -> two.parse(urls));
        assertLimit("file \"x\": more than 2 metaurls", () -> two.parse(metaurls));
    }

    @Test
    void metalink3UrlLimitPerFile() {
        byte[] input = ("<metalink xmlns=\"http://www.metalinker.org/\"><files><file name=\"x\"><resources>"
                + "<url type=\"http\">http://a/x</url><url type=\"http\">http://b/x</url></resources></file></files></metalink>")
                .getBytes(StandardCharsets.UTF_8);

        assertLimit("file \"x\": more than 1 urls",
                () -> MetalinkParser.create(MetalinkLimits.DEFAULT.withMaxUrlsPerFile(1)).parse(input));
    }

    @Test
    void pieceHashLimit() throws MetalinkException {
        String hash = "<hash>" + "0".repeat(40) + "</hash>";
        byte[] input = document(file("x", "<pieces length=\"1\" type=\"sha-1\">" + hash.repeat(3) + "</pieces>"));
        assertEquals(3, MetalinkParser.create(MetalinkLimits.DEFAULT.withMaxPieceHashes(3)).parse(input)
                .files().get(0).pieces().get(0).count());
        assertLimit("file \"x\": more than 2 piece hashes",
                () -> MetalinkParser.create(MetalinkLimits.DEFAULT.withMaxPieceHashes(2)).parse(input));
    }

    @Test
    void documentSizeLimitAppliesToArraysAndStreams() throws IOException {
        byte[] input = document(file("x", ""));
        MetalinkParser exact = MetalinkParser.create(MetalinkLimits.DEFAULT.withMaxDocumentBytes(input.length));
        exact.parse(input);
        exact.parse(new ByteArrayInputStream(input));

        MetalinkParser smaller = MetalinkParser.create(MetalinkLimits.DEFAULT.withMaxDocumentBytes(input.length - 1));
        String detail = "document is larger than the limit of " + (input.length - 1) + " bytes";
        assertLimit(detail, () -> smaller.parse(input));
        assertLimit(detail, () -> smaller.parse(new ByteArrayInputStream(input)));
    }

    @Test
    void endlessStreamStopsAtTheDocumentSizeLimit() {
        InputStream endless = new SequenceInputStream(
                new ByteArrayInputStream((HEAD + "<file name=\"x\"><description>").getBytes(StandardCharsets.UTF_8)),
                new InputStream() {
                    @Override
                    public int read() {
                        return 'a';
                    }
                });

        assertLimit("document is larger than the limit of 1048576 bytes",
                () -> MetalinkParser.create(MetalinkLimits.DEFAULT.withMaxDocumentBytes(1 << 20)).parse(endless));
    }

    @Test
    void failingStreamSurfacesItsOwnException() {
        IOException failure = new IOException("disk went away");
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(HEAD.getBytes(StandardCharsets.UTF_8)),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw failure;
                    }
                });

        IOException thrown = assertThrows(IOException.class, () -> Metalink.parse(failing));
        assertSame(failure, thrown);
    }

    @Test
    void limitsBelowOneAreRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> MetalinkLimits.DEFAULT.withMaxDepth(0));
        assertEquals("maxDepth must be at least 1, was 0", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MetalinkLimits.DEFAULT.withMaxElements(-1));
        assertThrows(IllegalArgumentException.class, () -> MetalinkLimits.DEFAULT.withMaxHeaderEntries(0));
    }
}
