package dev.arietta.metalink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The exact Metalink 4 text the writer produces. */
class WriterTest {

    @Test
    void writesEveryPartInRfcOrder() {
        MetalinkFile file = MetalinkFile.builder("dir/a b.iso")
                .size(3)
                .identity("Example")
                .version("1.0")
                .addLanguage("en")
                .addOs("Linux-x86")
                .description("first line\nsecond line")
                .copyright("(c) 2024")
                .logo("http://example.com/logo.png")
                .publisher(new Publisher("Example & Co", null))
                .addHash(new Hash(HashType.MD5, "0123456789ABCDEF0123456789abcdef"))
                .addPieces(PieceHashes.ofHex(HashType.SHA_1, 2, List.of("00".repeat(20), "ff".repeat(20))))
                .addUrl(MetalinkUrl.of("http://example.com/a%20b.iso?x=1&y=2", "de", 1))
                .addUrl(MetalinkUrl.of("ftp://example.com/a b.iso"))
                .addMetaurl(new Metaurl("http://example.com/a.torrent", Metaurl.TORRENT, OptionalInt.of(2), "a b.iso"))
                .signature(new Signature(Signature.PGP, "sig"))
                .build();
        MetalinkDocument document = MetalinkDocument.builder()
                .generator("Arietta")
                .origin("http://example.com/a.meta4", true)
                .published(Instant.parse("2009-05-15T12:23:23Z"))
                .updated(Instant.parse("2010-05-01T12:15:02.5Z"))
                .addFile(file)
                .build();

        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <metalink xmlns="urn:ietf:params:xml:ns:metalink">
                  <generator>Arietta</generator>
                  <origin dynamic="true">http://example.com/a.meta4</origin>
                  <published>2009-05-15T12:23:23Z</published>
                  <updated>2010-05-01T12:15:02.500Z</updated>
                  <file name="dir/a b.iso">
                    <size>3</size>
                    <identity>Example</identity>
                    <version>1.0</version>
                    <language>en</language>
                    <os>Linux-x86</os>
                    <description>first line
                second line</description>
                    <copyright>(c) 2024</copyright>
                    <logo>http://example.com/logo.png</logo>
                    <publisher name="Example &amp; Co"/>
                    <hash type="md5">0123456789abcdef0123456789abcdef</hash>
                    <pieces length="2" type="sha-1">
                      <hash>0000000000000000000000000000000000000000</hash>
                      <hash>ffffffffffffffffffffffffffffffffffffffff</hash>
                    </pieces>
                    <url location="de" priority="1">http://example.com/a%20b.iso?x=1&amp;y=2</url>
                    <url>ftp://example.com/a b.iso</url>
                    <metaurl mediatype="torrent" priority="2" name="a b.iso">http://example.com/a.torrent</metaurl>
                    <signature mediatype="application/pgp-signature">sig</signature>
                  </file>
                </metalink>
                """, new String(Metalink.toByteArray(document), StandardCharsets.UTF_8));
    }

    @Test
    void escapesWhatAParserWouldOtherwiseChange() {
        MetalinkFile file = MetalinkFile.builder("q\"<&>'.txt")
                .description("a\r\nb ]]> <c> & \"d\"")
                .addMetaurl(new Metaurl("http://x/t", "type\twith\nbreaks\r", OptionalInt.empty(), null))
                .build();

        String written = new String(Metalink.toByteArray(MetalinkDocument.of(List.of(file))), StandardCharsets.UTF_8);

        assertEquals(true, written.contains("<file name=\"q&quot;&lt;&amp;&gt;'.txt\">"), written);
        assertEquals(true, written.contains("<description>a&#13;\nb ]]&gt; &lt;c&gt; &amp; \"d\"</description>"), written);
        assertEquals(true, written.contains("mediatype=\"type&#9;with&#10;breaks\""), written);
    }

    @Test
    void writesUtf8Bytes() {
        MetalinkFile file = MetalinkFile.builder("日本\uD83D\uDE00.txt").build();

        byte[] written = Metalink.toByteArray(MetalinkDocument.of(List.of(file)));

        String expected = "<file name=\"日本\uD83D\uDE00.txt\">";
        assertEquals(true, new String(written, StandardCharsets.UTF_8).contains(expected));
        assertEquals(true, indexOf(written, expected.getBytes(StandardCharsets.UTF_8)) > 0);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
