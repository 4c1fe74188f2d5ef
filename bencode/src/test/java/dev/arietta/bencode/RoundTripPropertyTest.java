package dev.arietta.bencode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: for every value v, {@code decode(encode(v)).equals(v)}, the encoding is strict
 * (canonical), the token view agrees with the tree, and the streaming writer produces the
 * same bytes. Values come from a seeded generator; a failure names its seed.
 */
class RoundTripPropertyTest {

    private static final int CASES = 3_000;
    private static final BencodeDecoder STRICT = Bencode.decoder().strict().build();

    @Test
    void decodeOfEncodeIsIdentity() throws Exception {
        for (int seed = 0; seed < CASES; seed++) {
            BValue value = new Generator(new Random(seed)).value(0);
            byte[] encoded = Bencode.encode(value);
            String context = "seed " + seed;
            BDocument document = STRICT.decode(encoded);
            assertEquals(value, document.root().toValue(), context);
            assertEquals(encoded.length, document.length(), context);
            assertArrayEquals(encoded, writeStreaming(value), context);
            assertArrayEquals(encoded, new BencodeWriter().value(value).toByteArray(), context);
            assertTokenViewMatches(value, document.root(), context);
        }
    }

    @Test
    void extremeIntegersRoundTrip() throws Exception {
        for (long n : new long[] {0, 1, -1, 9, 10, -10, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MIN_VALUE}) {
            byte[] encoded = Bencode.encode(BInteger.of(n));
            assertEquals("i" + n + "e", new String(encoded, java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals(n, Bencode.decode(encoded).root().asLong());
        }
    }

    private static void assertTokenViewMatches(BValue expected, BNode node, String context) throws Exception {
        assertEquals(expected.type(), node.type(), context);
        switch (expected.type()) {
            case STRING -> assertArrayEquals(expected.asBytes(), node.asBytes(), context);
            case INTEGER -> assertEquals(expected.asLong(), node.asLong(), context);
            case LIST -> {
                List<BValue> items = expected.asList();
                assertEquals(items.size(), node.size(), context);
                List<BNode> nodes = node.items();
                for (int i = 0; i < items.size(); i++) {
                    assertTokenViewMatches(items.get(i), nodes.get(i), context);
                }
            }
            case DICTIONARY -> {
                BDictionary dictionary = expected.asDictionary();
                assertEquals(dictionary.size(), node.size(), context);
                for (Map.Entry<BString, BValue> entry : dictionary.entries().entrySet()) {
                    String key = entry.getKey().asString();
                    if (BString.of(key).equals(entry.getKey())) {
                        assertTokenViewMatches(entry.getValue(), node.require(key), context);
                    }
                }
            }
        }
    }

    private static byte[] writeStreaming(BValue value) throws Exception {
        BencodeWriter writer = new BencodeWriter();
        write(writer, value);
        return writer.toByteArray();
    }

    private static void write(BencodeWriter writer, BValue value) throws Exception {
        switch (value.type()) {
            case STRING -> writer.value(value.asBytes());
            case INTEGER -> writer.value(value.asLong());
            case LIST -> {
                writer.beginList();
                for (BValue item : value.asList()) {
                    write(writer, item);
                }
                writer.end();
            }
            case DICTIONARY -> {
                writer.beginDictionary();
                for (Map.Entry<BString, BValue> entry : value.asDictionary().entries().entrySet()) {
                    writer.key(entry.getKey().asBytes());
                    write(writer, entry.getValue());
                }
                writer.end();
            }
        }
    }

    /** Random values: binary and text strings, edge integers, nesting up to depth 6. */
    private record Generator(Random random) {

        BValue value(int depth) {
            int kind = random.nextInt(depth >= 6 ? 2 : 4);
            return switch (kind) {
                case 0 -> string();
                case 1 -> integer();
                case 2 -> {
                    List<BValue> items = new ArrayList<>();
                    int size = random.nextInt(6);
                    for (int i = 0; i < size; i++) {
                        items.add(value(depth + 1));
                    }
                    yield BList.of(items);
                }
                default -> {
                    BDictionary.Builder builder = BDictionary.builder();
                    int size = random.nextInt(6);
                    for (int i = 0; i < size; i++) {
                        builder.put(string(), value(depth + 1));
                    }
                    yield builder.build();
                }
            };
        }

        BString string() {
            byte[] bytes = new byte[random.nextInt(4) == 0 ? random.nextInt(300) : random.nextInt(6)];
            if (random.nextBoolean()) {
                random.nextBytes(bytes);
            } else {
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) ('a' + random.nextInt(26));
                }
            }
            return BString.of(bytes);
        }

        BInteger integer() {
            return BInteger.of(switch (random.nextInt(5)) {
                case 0 -> random.nextLong();
                case 1 -> Long.MIN_VALUE + random.nextInt(3);
                case 2 -> Long.MAX_VALUE - random.nextInt(3);
                default -> random.nextInt(2001) - 1000;
            });
        }
    }
}
