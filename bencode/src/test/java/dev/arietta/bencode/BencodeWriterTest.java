package dev.arietta.bencode;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class BencodeWriterTest {

    @Test
    void writesCanonicalBencode() {
        byte[] bytes = new BencodeWriter().beginDictionary()
                .key("a").value(-5)
                .key("b").beginList().value("x").value(new byte[] {0}).beginDictionary().end().end()
                .key("c").value(BString.of("yz"))
                .end().toByteArray();
        assertEquals("d1:ai-5e1:bl1:x1:\0dee1:c2:yze", new String(bytes, US_ASCII));
    }

    @Test
    void valueTreeEncodingSortsKeysAsUnsignedBytes() {
        BDictionary dictionary = BDictionary.builder()
                .put(BString.of(new byte[] {(byte) 0xFF}), BInteger.of(1))
                .put("b", 2)
                .put("a", "text")
                .put("a", "replaced")
                .build();
        assertEquals("d1:a8:replaced1:bi2e1:\u00ffi1ee",
                new String(Bencode.encode(dictionary), java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void refusesOutOfOrderAndDuplicateKeys() {
        BencodeWriter writer = new BencodeWriter().beginDictionary().key("b").value(1);
        IllegalStateException unsorted = assertThrows(IllegalStateException.class, () -> writer.key("a"));
        assertEquals("key out of canonical order: \"a\" after \"b\"", unsorted.getMessage());
        IllegalStateException duplicate = assertThrows(IllegalStateException.class, () -> writer.key("b"));
        assertEquals("duplicate key \"b\" after \"b\"", duplicate.getMessage());
        // Keys in a nested dictionary are ordered on their own.
        writer.key("c").beginDictionary().key("a").value(1).end();
        assertEquals("d1:bi1e1:cd1:ai1eee", new String(writer.end().toByteArray(), US_ASCII));
    }

    @Test
    void refusesMisuse() {
        assertThrows(IllegalStateException.class, () -> new BencodeWriter().end());
        assertThrows(IllegalStateException.class, () -> new BencodeWriter().key("a"));
        assertThrows(IllegalStateException.class, () -> new BencodeWriter().beginList().key("a"));
        assertThrows(IllegalStateException.class, () -> new BencodeWriter().beginDictionary().value(1));
        assertThrows(IllegalStateException.class, () -> new BencodeWriter().beginDictionary().key("a").end());
        assertThrows(IllegalStateException.class, () -> new BencodeWriter().beginDictionary().key("a").key("b"));
        assertThrows(IllegalStateException.class, () -> new BencodeWriter().value(1).value(2));
        assertThrows(IllegalStateException.class, () -> new BencodeWriter().beginList().toByteArray());
        assertThrows(IllegalStateException.class, () -> new BencodeWriter().toByteArray());
    }

    @Test
    void drainsIncrementallyToAStream() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BencodeWriter writer = new BencodeWriter().beginList();
        for (int i = 0; i < 1000; i++) {
            writer.value(i);
            if (i % 100 == 99) {
                writer.drainTo(out);
            }
        }
        writer.end().drainTo(out);
        assertEquals(out.size(), writer.length());
        assertEquals(1000, Bencode.decode(out.toByteArray()).root().size());
    }

    @Test
    void deepNestingWritesAndDecodesWithinLimits() throws Exception {
        BencodeWriter writer = new BencodeWriter();
        for (int i = 0; i < 50; i++) {
            writer.beginDictionary().key("k");
        }
        writer.value(7);
        for (int i = 0; i < 50; i++) {
            writer.end();
        }
        BNode node = Bencode.decoder().strict().build().decode(writer.toByteArray()).root();
        for (int i = 0; i < 50; i++) {
            node = node.require("k");
        }
        assertEquals(7, node.asLong());
    }
}
