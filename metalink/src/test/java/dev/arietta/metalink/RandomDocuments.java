package dev.arietta.metalink;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;

/**
 * Seeded generator of valid models that stress the writer: markup characters, quotes,
 * carriage returns, tabs and new lines, non-ASCII and supplementary characters, extreme
 * numbers, relative URLs, every optional part present or absent.
 */
final class RandomDocuments {

    private static final String[] TEXT_PIECES = {
        "a", "Z", "0", " ", "  ", "&", "<", ">", "\"", "'", "]]>", "\r", "\n", "\r\n", "\t", "é", "日本", "\uD83D\uDE00",
        "&amp;", "<![CDATA[", "-->", "%20", "?", "#", "\u00a0", "\u2028", "\uFFFD"
    };
    private static final String[] NAME_PIECES = {
        "a", "b", "file", "dir", ".hidden", "x.iso", "my file", "&", "<", ">", "\"", "'", "é", "日本", "\uD83D\uDE00", "..a", "a..", "%2e%2e"
    };

    private final Random random;

    RandomDocuments(long seed) {
        random = new Random(seed);
    }

    MetalinkDocument next() {
        MetalinkDocument.Builder document = MetalinkDocument.builder();
        if (random.nextBoolean()) {
            document.generator(text());
        }
        if (random.nextBoolean()) {
            document.origin(nonBlankText(), random.nextBoolean());
        }
        if (random.nextBoolean()) {
            document.published(instant());
        }
        if (random.nextBoolean()) {
            document.updated(instant());
        }
        Set<String> names = new HashSet<>();
        int files = 1 + random.nextInt(4);
        while (names.size() < files) {
            String name = name();
            if (names.add(name)) {
                document.addFile(file(name));
            }
        }
        return document.build();
    }

    private MetalinkFile file(String name) {
        MetalinkFile.Builder file = MetalinkFile.builder(name);
        if (random.nextInt(4) == 0) {
            file.version(text());
        }
        for (int i = random.nextInt(3); i > 0; i--) {
            file.addLanguage(nonBlankText());
        }
        for (int i = random.nextInt(3); i > 0; i--) {
            file.addOs(nonBlankText());
        }
        if (random.nextBoolean()) {
            file.description(text());
        }
        if (random.nextInt(3) == 0) {
            file.identity(text());
        }
        if (random.nextInt(3) == 0) {
            file.copyright(text());
        }
        if (random.nextInt(3) == 0) {
            file.logo(text());
        }
        if (random.nextInt(3) == 0) {
            file.publisher(random.nextBoolean() ? new Publisher(nonBlankText(), null) : new Publisher(text(), nonBlankText()));
        }
        for (int i = random.nextInt(4); i > 0; i--) {
            file.addUrl(new MetalinkUrl(nonBlankText(), random.nextBoolean() ? nonBlankText() : null, priority()));
        }
        for (int i = random.nextInt(3); i > 0; i--) {
            file.addMetaurl(new Metaurl(nonBlankText(), random.nextBoolean() ? Metaurl.TORRENT : nonBlankText(), priority(),
                    random.nextBoolean() ? name() : null));
        }
        for (int i = random.nextInt(3); i > 0; i--) {
            HashType type = hashType();
            file.addHash(Hash.of(type, bytesFor(type, 1)));
        }
        OptionalSize size = size();
        if (size.known) {
            file.size(size.bytes);
        }
        if (size.pieceLength > 0) {
            for (int i = 1 + random.nextInt(2); i > 0; i--) {
                HashType type = hashType();
                file.addPieces(PieceHashes.of(type, size.pieceLength, bytesFor(type, size.pieces), size.pieces));
            }
        }
        if (random.nextInt(3) == 0) {
            file.signature(new Signature(nonBlankText(), nonBlankText()));
        }
        return file.build();
    }

    private record OptionalSize(boolean known, long bytes, int pieceLength, int pieces) {
    }

    private OptionalSize size() {
        switch (random.nextInt(5)) {
            case 0:
                return new OptionalSize(false, 0, 0, 0);
            case 1:
                return new OptionalSize(true, random.nextBoolean() ? 0 : Long.MAX_VALUE, 0, 0);
            case 2:
                return new OptionalSize(false, 0, 1 + random.nextInt(1 << 20), 1 + random.nextInt(20));
            default:
                int pieceLength = random.nextBoolean() ? 1 + random.nextInt(1024) : Integer.MAX_VALUE;
                int pieces = 1 + random.nextInt(30);
                long bytes = (long) (pieces - 1) * pieceLength + 1 + random.nextInt(Math.min(pieceLength, 1 << 20));
                return new OptionalSize(true, bytes, pieceLength, pieces);
        }
    }

    private byte[] bytesFor(HashType type, int count) {
        byte[] packed = new byte[type.digestLength() * count];
        random.nextBytes(packed);
        return packed;
    }

    private HashType hashType() {
        HashType[] types = HashType.values();
        return types[random.nextInt(types.length)];
    }

    private OptionalInt priority() {
        return random.nextBoolean() ? OptionalInt.empty()
                : OptionalInt.of(random.nextBoolean() ? 1 + random.nextInt(10) : 1 + random.nextInt(MetalinkUrl.LOWEST_PRIORITY));
    }

    private Instant instant() {
        long seconds = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond()
                + (long) (random.nextDouble() * (Instant.parse("9999-12-31T23:59:59Z").getEpochSecond()
                        - Instant.parse("0000-01-01T00:00:00Z").getEpochSecond()));
        return Instant.ofEpochSecond(seconds, random.nextBoolean() ? 0 : random.nextInt(1_000_000_000));
    }

    private String name() {
        List<String> segments = new ArrayList<>();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            StringBuilder segment = new StringBuilder();
            for (int j = 1 + random.nextInt(4); j > 0; j--) {
                segment.append(NAME_PIECES[random.nextInt(NAME_PIECES.length)]);
            }
            segments.add(segment.toString());
        }
        return String.join("/", segments);
    }

    private String text() {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) {
            text.append(TEXT_PIECES[random.nextInt(TEXT_PIECES.length)]);
        }
        return text.toString();
    }

    private String nonBlankText() {
        return text() + "v" + text();
    }
}
