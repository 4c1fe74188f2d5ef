package dev.arietta.bencode;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Typed access through the token view and the value tree, and the errors they give. */
class AccessorTest {

    private static final byte[] SAMPLE =
            "d4:listli1ei-2e3:abce4:name5:caf\u00c3\u00a95:pricei9223372036854775807e3:subd1:xi0eee"
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    @Test
    void tokenViewReadsEveryType() throws Exception {
        BNode root = Bencode.decode(SAMPLE).root();
        assertEquals(BType.DICTIONARY, root.type());
        assertEquals(4, root.size());
        assertEquals(List.of("list", "name", "price", "sub"), root.keys());
        assertEquals("café", root.getString("name"));
        assertTrue(root.require("name").isUtf8());
        assertTrue(root.require("name").contentEquals("café"));
        assertEquals(Long.MAX_VALUE, root.getLong("price"));
        BNode list = root.getList("list");
        assertEquals(3, list.size());
        assertEquals(1, list.get(0).asInt());
        assertEquals(-2, list.get(1).asLong());
        assertArrayEquals("abc".getBytes(US_ASCII), list.get(2).asBytes());
        assertEquals(0, root.getDictionary("sub").getLong("x"));
        assertEquals("3:abc", new String(list.get(2).rawBytes(), US_ASCII));
        assertEquals("li1ei-2e3:abce", new String(list.rawBytes(), US_ASCII));
        assertEquals(SAMPLE.length, root.rawLength());
        List<String> seen = new ArrayList<>();
        root.forEachEntry((key, value) -> seen.add(new String(key.rawBytes(), UTF_8) + "=" + value.type()));
        assertEquals(List.of("4:list=LIST", "4:name=STRING", "5:price=INTEGER", "3:sub=DICTIONARY"), seen);
    }

    @Test
    void tokenViewTypeErrorsNameTheTypesAndOffset() throws Exception {
        BNode root = Bencode.decode(SAMPLE).root();
        BencodeException onList = assertThrows(BencodeException.class, () -> root.getList("list").getString("x"));
        assertEquals("expected dictionary, found list at offset 7", onList.getMessage());
        BencodeException wrongKeyType = assertThrows(BencodeException.class, () -> root.getString("list"));
        assertEquals("key \"list\": expected byte string, found list at offset 7", wrongKeyType.getMessage());
        BencodeException missing = assertThrows(BencodeException.class, () -> root.getLong("size"));
        assertEquals("missing key \"size\" in dictionary at offset 0", missing.getMessage());
        assertThrows(BencodeException.class, () -> root.getList("list").get(3));
        assertThrows(BencodeException.class, () -> root.getList("list").get(-1));
        BencodeException tooBig = assertThrows(BencodeException.class, () -> root.require("price").asInt());
        assertEquals("integer 9223372036854775807 does not fit in 32 bits at offset 41", tooBig.getMessage());
        assertThrows(BencodeException.class, () -> root.require("price").size());
    }

    @Test
    void invalidUtf8IsReplacedOrRejectedOnRequest() throws Exception {
        byte[] input = {'2', ':', (byte) 0xC3, (byte) 0x28};
        BNode node = Bencode.decode(input).root();
        assertEquals("\uFFFD(", node.asString());
        assertFalse(node.isUtf8());
        BencodeException error = assertThrows(BencodeException.class, node::asStrictString);
        assertEquals("byte string is not valid UTF-8 at offset 0", error.getMessage());
    }

    @Test
    void valueTreeAccessors() throws Exception {
        BDictionary root = Bencode.decodeValue(SAMPLE).asDictionary();
        assertEquals("café", root.getString("name"));
        assertEquals(Optional.of(Long.MAX_VALUE), root.findLong("price"));
        assertEquals(Optional.empty(), root.findString("nothing"));
        assertEquals(3, root.getList("list").size());
        assertEquals(BInteger.of(0), root.getDictionary("sub").get("x"));
        BencodeException onList = assertThrows(BencodeException.class,
                () -> root.require("list").asDictionary().getString("name"));
        assertEquals("expected dictionary, found list", onList.getMessage());
        BencodeException wrongType = assertThrows(BencodeException.class, () -> root.findString("price"));
        assertEquals("key \"price\": expected byte string, found integer", wrongType.getMessage());
        assertThrows(BencodeException.class, () -> root.getDictionary("sub").require("y"));
        assertThrows(BencodeException.class, () -> root.require("price").asInt());
        assertThrows(UnsupportedOperationException.class, () -> root.entries().clear());
    }

    @Test
    void bufferInputsAreReadInPlaceOrCopied() throws Exception {
        byte[] padded = new byte[SAMPLE.length + 10];
        System.arraycopy(SAMPLE, 0, padded, 5, SAMPLE.length);
        ByteBuffer heap = ByteBuffer.wrap(padded, 5, SAMPLE.length);
        assertEquals("café", Bencode.decode(heap).root().getString("name"));
        assertEquals(5, heap.position());

        ByteBuffer direct = ByteBuffer.allocateDirect(SAMPLE.length).put(SAMPLE).flip();
        BDocument fromDirect = Bencode.decode(direct);
        assertEquals(Long.MAX_VALUE, fromDirect.root().getLong("price"));
        assertEquals(0, direct.position());
        assertEquals(SAMPLE.length, fromDirect.buffer().remaining());

        ByteBuffer readOnly = ByteBuffer.wrap(SAMPLE).asReadOnlyBuffer();
        assertEquals(4, Bencode.decode(readOnly).root().size());
    }

    @Test
    void stringsPrintReadably() {
        assertEquals("\"spam\"", BString.of("spam").toString());
        assertEquals("<2 bytes: 00ff>", BString.of(new byte[] {0, (byte) 0xFF}).toString());
        assertTrue(BString.of(new byte[] {(byte) 0x80}).compareTo(BString.of(new byte[] {0x7F})) > 0);
    }
}
