package dev.arietta.bencode;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.Test;

class RealShapedInputTest {

    private static final BencodeDecoder STRICT = Bencode.decoder().strict().build();

    @Test
    void singleFileTorrent() throws Exception {
        byte[] torrent = TorrentFixtures.singleFile(1000, 1);
        BNode root = STRICT.decode(torrent).root();
        assertEquals("http://tracker.example.org:6969/announce", root.getString("announce"));
        assertEquals(1_700_000_000L, root.getLong("creation date"));
        BNode info = root.getDictionary("info");
        assertEquals("ubuntu-24.04-desktop-amd64.iso", info.getString("name"));
        assertEquals(262_144, info.getLong("piece length"));
        assertEquals(1000 * 20, info.require("pieces").stringLength());
        assertNull(root.get("missing"));
        // The tree and the token view agree.
        BDictionary tree = Bencode.decodeValue(torrent).asDictionary();
        assertEquals(info.toValue(), tree.getDictionary("info"));
        assertArrayEquals(torrent, Bencode.encode(tree));
    }

    @Test
    void tenThousandFileTorrent() throws Exception {
        byte[] torrent = TorrentFixtures.multiFile(10_000, 2);
        BDocument document = STRICT.decode(torrent);
        BNode info = document.root().getDictionary("info");
        List<BNode> files = info.getList("files").items();
        assertEquals(10_000, files.size());
        BNode last = files.get(9_999);
        List<BNode> path = last.getList("path").items();
        assertEquals("file-9999.dat", path.get(2).asString());
        assertEquals("dir99", path.get(0).asString());
        assertEquals(1, info.getLong("private"));
        assertEquals(2, document.root().getList("announce-list").size());
        assertEquals("http://b2.example.org/a",
                document.root().getList("announce-list").get(1).get(1).asString());
        assertArrayEquals(torrent, Bencode.encode(document.root().toValue()));
    }

    @Test
    void infoHashIsTheDigestOfTheRawInfoSpanEvenWithUnsortedKeys() throws Exception {
        // "name" before "length" and "pieces" before "piece length": unsorted, as some tools write.
        String info = "d4:name5:x.iso6:lengthi12345e6:pieces20:AAAAAAAAAAAAAAAAAAAA12:piece lengthi16384ee";
        byte[] torrent = ("d8:announce14:http://t/annou4:info" + info + "e").getBytes(US_ASCII);

        assertThrows(BencodeException.class, () -> STRICT.decode(torrent));
        BDocument document = Bencode.decode(torrent);
        assertEquals(1, document.unsortedDictionaryCount());
        BNode infoNode = document.root().getDictionary("info");
        assertEquals("d8:announce14:http://t/annou4:info".length(), infoNode.offset());
        assertArrayEquals(document.unsortedDictionaryOffsets(), new int[] {infoNode.offset()});

        byte[] expected = sha1(info.getBytes(US_ASCII));
        assertArrayEquals(expected, sha1(infoNode.rawBytes()));
        MessageDigest viaBuffer = MessageDigest.getInstance("SHA-1");
        viaBuffer.update(infoNode.rawBuffer());
        assertArrayEquals(expected, viaBuffer.digest());
        // A re-encoding sorts the keys and so would give a different (wrong) hash.
        assertFalse(java.util.Arrays.equals(expected, sha1(Bencode.encode(infoNode.toValue()))));
    }

    @Test
    void truncatedAtEveryPositionFails() throws Exception {
        byte[] torrent = TorrentFixtures.multiFile(20, 3);
        for (int length = 0; length < torrent.length; length++) {
            int cut = length;
            BencodeException error = assertThrows(BencodeException.class,
                    () -> Bencode.decode(ByteBuffer.wrap(torrent, 0, cut)), () -> "prefix of " + cut + " bytes");
            assertTrue(error.offset() >= 0 && error.offset() <= cut, () -> "offset " + error.offset() + " for " + cut);
        }
        assertEquals(torrent.length, Bencode.decode(torrent).length());
    }

    @Test
    void dhtQueriesAndResponses() throws Exception {
        // BEP 5 examples.
        BNode ping = STRICT.decode("d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe"
                .getBytes(US_ASCII)).root();
        assertEquals("q", ping.getString("y"));
        assertEquals("ping", ping.getString("q"));
        assertEquals("abcdefghij0123456789", ping.getDictionary("a").getString("id"));

        BNode getPeers = STRICT.decode(("d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz123456e"
                + "1:q9:get_peers1:t2:aa1:y1:qe").getBytes(US_ASCII)).root();
        assertEquals(20, getPeers.getDictionary("a").require("info_hash").stringLength());

        ByteArrayOutputStream response = new ByteArrayOutputStream();
        response.writeBytes("d1:rd2:id20:abcdefghij01234567895:token8:aoeusnth6:valuesl6:".getBytes(US_ASCII));
        response.writeBytes(new byte[] {127, 0, 0, 1, 0x1A, (byte) 0xE1});
        response.writeBytes("6:".getBytes(US_ASCII));
        response.writeBytes(new byte[] {10, 0, 0, 2, 0x1A, (byte) 0xE2});
        response.writeBytes("ee1:t2:aa1:y1:re".getBytes(US_ASCII));
        BNode peers = STRICT.decode(response.toByteArray()).root();
        List<BNode> values = peers.getDictionary("r").getList("values").items();
        assertEquals(2, values.size());
        ByteBuffer first = values.get(0).asBuffer();
        assertEquals(127, first.get(0));
        assertEquals(6881, first.getShort(4) & 0xFFFF);

        BNode error = STRICT.decode("d1:eli201e23:A Generic Error Ocurrede1:t2:aa1:y1:ee".getBytes(US_ASCII)).root();
        assertEquals(201, error.getList("e").get(0).asInt());
        assertEquals("A Generic Error Ocurred", error.getList("e").get(1).asString());
    }

    @Test
    void compactTrackerResponses() throws Exception {
        byte[] peers = {(byte) 192, (byte) 168, 1, 10, 0x1A, (byte) 0xE1, 10, 0, 0, 1, (byte) 0xC8, (byte) 0xD5};
        byte[] peers6 = new byte[18];
        peers6[15] = 1;
        peers6[16] = 0x1A;
        peers6[17] = (byte) 0xE1;
        byte[] response = new BencodeWriter().beginDictionary()
                .key("complete").value(12)
                .key("incomplete").value(3)
                .key("interval").value(1800)
                .key("min interval").value(900)
                .key("peers").value(peers)
                .key("peers6").value(peers6)
                .end().toByteArray();
        BNode root = STRICT.decode(response).root();
        assertEquals(1800, root.getLong("interval"));
        ByteBuffer compact = root.require("peers").asBuffer();
        assertEquals(12, compact.remaining());
        assertEquals(51413, compact.getShort(10) & 0xFFFF);
        assertArrayEquals(peers6, root.getBytes("peers6"));

        BNode failure = Bencode.decode("d14:failure reason17:torrent not founde".getBytes(US_ASCII)).root();
        assertEquals("torrent not found", failure.getString("failure reason"));
    }

    @Test
    void prefixDecodingStopsAfterTheValue() throws Exception {
        // A BEP 9 data message: a dictionary followed by raw metadata bytes.
        byte[] message = "d8:msg_typei1e5:piecei0e10:total_sizei3eexyz".getBytes(US_ASCII);
        BDocument document = Bencode.defaultDecoder().decodePrefix(message, 0, message.length);
        assertEquals(message.length - 3, document.length());
        assertEquals(3, document.root().getLong("total_size"));
        assertThrows(BencodeException.class, () -> Bencode.decode(message));
    }

    private static byte[] sha1(byte[] bytes) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-1").digest(bytes);
        assertNotEquals(0, digest.length);
        return digest;
    }
}
