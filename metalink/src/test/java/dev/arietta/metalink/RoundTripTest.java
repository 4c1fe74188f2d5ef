package dev.arietta.metalink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;

/** parse(write(m)) equals m, on the corpus and on seeded random models; output is well-formed Metalink 4. */
class RoundTripTest {

    static Stream<String> corpus() {
        return Stream.of(
                "conformance/rfc5854-section-1.1.meta4",
                "conformance/rfc5854-appendix-a.meta4",
                "conformance/rfc5854-all-elements.meta4",
                "conformance/metalink3-pieces.metalink",
                "conformance/metalink3-multi-file.metalink",
                "conformance/multi-file.meta4",
                "conformance/relative-urls.meta4",
                "hostile/unknown-hash-type.meta4");
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void corpusDocumentsSurviveWriteAndParse(String path) throws Exception {
        MetalinkDocument original = TestResources.parse(path);

        byte[] written = Metalink.toByteArray(original);

        assertEquals(original, Metalink.parse(written));
        assertArrayEquals(written, Metalink.toByteArray(Metalink.parse(written)), "writing is deterministic");
        assertWellFormedMetalink4(written);
    }

    @Test
    void randomModelsSurviveWriteAndParse() throws Exception {
        RandomDocuments documents = new RandomDocuments(5854L);
        for (int i = 0; i < 400; i++) {
            MetalinkDocument original = documents.next();
            byte[] written = Metalink.toByteArray(original);
            try {
                assertEquals(original, Metalink.parse(written));
                assertWellFormedMetalink4(written);
            } catch (AssertionError | MetalinkException e) {
                throw new AssertionError("document " + i + " did not survive:\n" + new String(written, StandardCharsets.UTF_8), e);
            }
        }
    }

    /** Checks with the JDK's own parser, independent of Aalto, that the output is namespaced UTF-8 XML. */
    private static void assertWellFormedMetalink4(byte[] written) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        org.w3c.dom.Document dom = factory.newDocumentBuilder().parse(new ByteArrayInputStream(written));
        Element root = dom.getDocumentElement();
        assertEquals("urn:ietf:params:xml:ns:metalink", root.getNamespaceURI());
        assertEquals("metalink", root.getLocalName());
        assertEquals("UTF-8", dom.getXmlEncoding());
    }
}
