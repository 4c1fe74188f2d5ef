package dev.arietta.metalink;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random corruptions of valid inputs: whatever the bytes, the parsers either succeed
 * or throw their typed exception; no other exception and no unbounded work.
 */
class MutationTest {

    private static final List<String> SEEDS = List.of(
            "conformance/rfc5854-all-elements.meta4",
            "conformance/metalink3-pieces.metalink",
            "conformance/preferences.meta4");
    private static final byte[][] FRAGMENTS = {
        "<".getBytes(StandardCharsets.UTF_8), ">".getBytes(StandardCharsets.UTF_8), "&".getBytes(StandardCharsets.UTF_8),
        "\"".getBytes(StandardCharsets.UTF_8), "/".getBytes(StandardCharsets.UTF_8), "..".getBytes(StandardCharsets.UTF_8),
        "<file name=\"../x\">".getBytes(StandardCharsets.UTF_8), "</file>".getBytes(StandardCharsets.UTF_8),
        "<!DOCTYPE x>".getBytes(StandardCharsets.UTF_8), "&lol;".getBytes(StandardCharsets.UTF_8),
        "<![CDATA[".getBytes(StandardCharsets.UTF_8), "priority=\"0\"".getBytes(StandardCharsets.UTF_8),
        {(byte) 0xff}, {(byte) 0xc3}, {0},
    };

    @Test
    void corruptedDocumentsFailOnlyWithMetalinkException() {
        Random random = new Random(20100601L);
        int parsed = 0;
        int refused = 0;
        for (String seed : SEEDS) {
            byte[] original = TestResources.bytes(seed);
            for (int round = 0; round < 700; round++) {
                byte[] mutated = mutate(original, random);
                try {
                    MetalinkDocument document = Metalink.parse(mutated);
                    Metalink.select(document, URI.create("http://example.com/base/doc.meta4"), MetalinkPreferences.DEFAULT);
                    Metalink.parse(Metalink.toByteArray(document));
                    parsed++;
                } catch (MetalinkException expected) {
                    refused++;
                } catch (RuntimeException | Error e) {
                    fail("seed " + seed + " round " + round + " threw " + e + " on:\n" + new String(mutated, StandardCharsets.ISO_8859_1), e);
                }
            }
        }
        assertTrue(parsed > 50 && refused > 50, "mutations both kept and broke documents: " + parsed + " parsed, " + refused + " refused");
    }

    @Test
    void corruptedHeadersFailOnlyWithMetalinkException() {
        Random random = new Random(6249L);
        byte[] link = "<http://a.example.com/x.iso>; rel=duplicate; pri=1; geo=de; pref, </x.meta4>; rel=describedby; type=\"application/metalink4+xml\""
                .getBytes(StandardCharsets.UTF_8);
        byte[] digest = "SHA-256=K7gNU3sdo+OL0wNhqoVWhr3g6s1xYv72ol/pe/Unols=, MD5=rL0Y20zC+Fzt72VPzMSk2A==".getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < 2000; round++) {
            String linkValue = new String(mutate(link, random), StandardCharsets.ISO_8859_1);
            String digestValue = new String(mutate(digest, random), StandardCharsets.ISO_8859_1);
            try {
                MetalinkHttp.parse(URI.create("http://origin.example.com/pub/x.iso"), List.of(linkValue), List.of(digestValue))
                        .orderedMirrors(MetalinkPreferences.DEFAULT);
            } catch (MetalinkException expected) {
                // A typed refusal is a correct outcome.
            } catch (RuntimeException | Error e) {
                fail("round " + round + " threw " + e + " on Link: " + linkValue + " Digest: " + digestValue, e);
            }
        }
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = original.clone();
        for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(4)) {
                case 0 -> bytes[at] = (byte) random.nextInt(256);
                case 1 -> {
                    byte[] fragment = FRAGMENTS[random.nextInt(FRAGMENTS.length)];
                    byte[] grown = new byte[bytes.length + fragment.length];
                    System.arraycopy(bytes, 0, grown, 0, at);
                    System.arraycopy(fragment, 0, grown, at, fragment.length);
                    System.arraycopy(bytes, at, grown, at + fragment.length, bytes.length - at);
                    bytes = grown;
                }
                case 2 -> {
                    int length = Math.min(1 + random.nextInt(8), bytes.length - at);
                    byte[] shrunk = new byte[bytes.length - length];
                    System.arraycopy(bytes, 0, shrunk, 0, at);
                    System.arraycopy(bytes, at + length, shrunk, at, bytes.length - at - length);
                    bytes = shrunk.length == 0 ? new byte[] {'<'} : shrunk;
                }
                default -> bytes = Arrays.copyOf(bytes, Math.max(1, at));
            }
        }
        return bytes;
    }
}
