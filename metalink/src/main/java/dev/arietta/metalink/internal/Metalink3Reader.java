package dev.arietta.metalink.internal;

import dev.arietta.metalink.HashType;
import dev.arietta.metalink.MetalinkDocument;
import dev.arietta.metalink.MetalinkException;
import dev.arietta.metalink.MetalinkException.Kind;
import dev.arietta.metalink.MetalinkFile;
import dev.arietta.metalink.MetalinkLimits;
import dev.arietta.metalink.MetalinkUrl;
import dev.arietta.metalink.Metaurl;
import dev.arietta.metalink.PieceHashes;
import dev.arietta.metalink.Publisher;
import dev.arietta.metalink.Signature;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads a Metalink 3.0 document (metalinker.org) from a cursor on its root element into the
 * same model as Metalink 4:
 * <ul>
 *   <li>{@code url type="bittorrent"} becomes a {@link Metaurl} of media type
 *       {@value Metaurl#TORRENT}, as aria2 does; other URLs stay URLs whatever their type;</li>
 *   <li>{@code preference} maps to priority as {@link MetalinkUrl} documents
 *       ({@code 101 - preference});</li>
 *   <li>{@code verification/pieces/hash piece="N"} are ordered by N, which must number the
 *       pieces 0 to count-1 exactly once;</li>
 *   <li>{@code signature type="pgp"} becomes media type {@value Signature#PGP};</li>
 *   <li>{@code pubdate} and {@code refreshdate} are RFC 822 dates; one that does not parse is
 *       ignored, since aria2 ignores them and old generators wrote them loosely;</li>
 *   <li>{@code maxconnections} and document-level publisher, description, license and tags
 *       have no Metalink 4 counterpart and are skipped.</li>
 * </ul>
 * Not thread-safe; one reader per document.
 */
final class Metalink3Reader {

    private static final String NS = Namespaces.METALINK3;
    private static final int BEST_PREFERENCE = 100;

    private final XmlCursor cursor;
    private final MetalinkLimits limits;
    private final PieceBuffer pieces = new PieceBuffer();
    private final SingleElements fileSingles = new SingleElements();
    /** The current file's size if its size element came before its pieces, else -1. */
    private long declaredSize;
    private int[] pieceIndexes = new int[256];

    Metalink3Reader(XmlCursor cursor, MetalinkLimits limits) {
        this.cursor = cursor;
        this.limits = limits;
    }

    MetalinkDocument read() throws MetalinkException {
        String generator = cursor.attribute("generator");
        String origin = cursor.attribute("origin");
        String type = cursor.attribute("type");
        boolean dynamic = type != null && XmlText.strip(type).equalsIgnoreCase("dynamic")
                && origin != null && !XmlText.strip(origin).isEmpty();
        Instant published = rfc822(cursor.attribute("pubdate"));
        Instant updated = rfc822(cursor.attribute("refreshdate"));
        List<MetalinkFile> files = new ArrayList<>();
        Set<String> names = new HashSet<>();
        while (cursor.nextChild()) {
            if (cursor.is(NS, "files")) {
                readFiles(files, names);
            } else {
                cursor.skip();
            }
        }
        if (files.isEmpty()) {
            throw cursor.error(Kind.MISSING_VALUE, "metalink has no <file> element");
        }
        return ElementValues.build(cursor, () -> new MetalinkDocument(generator, origin, dynamic, published, updated, files));
    }

    private static Instant rfc822(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(XmlText.strip(value), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private void readFiles(List<MetalinkFile> files, Set<String> names) throws MetalinkException {
        while (cursor.nextChild()) {
            if (!cursor.is(NS, "file")) {
                cursor.skip();
                continue;
            }
            if (files.size() == limits.maxFiles()) {
                throw cursor.error(Kind.LIMIT_EXCEEDED, "metalink has more than " + limits.maxFiles() + " files");
            }
            MetalinkFile file = readFile();
            if (!names.add(file.name())) {
                throw cursor.error(Kind.INVALID_VALUE, "two files are named " + XmlText.quote(file.name()));
            }
            files.add(file);
        }
    }

    private MetalinkFile readFile() throws MetalinkException {
        String name = cursor.attribute("name");
        if (name == null) {
            throw cursor.error(Kind.MISSING_VALUE, "<file> has no name attribute");
        }
        ElementValues.safeName(cursor, name, "file name", "");
        String context = "file " + XmlText.quote(name);
        MetalinkFile.Builder file = MetalinkFile.builder(name);
        declaredSize = -1;
        SingleElements seen = fileSingles;
        seen.clear();
        while (cursor.nextChild()) {
            if (!NS.equals(cursor.namespace())) {
                cursor.skip();
                continue;
            }
            switch (cursor.localName()) {
                case "size" -> {
                    seen.once(cursor, context);
                    declaredSize = ElementValues.readSize(cursor, context);
                    file.size(declaredSize);
                }
                case "publisher" -> {
                    seen.once(cursor, context);
                    file.publisher(readPublisher());
                }
                case "verification" -> readVerification(file, seen, context);
                case "resources" -> readResources(file, context);
                default -> {
                    if (!FileProperties.read(cursor, file, seen, context)) {
                        cursor.skip();
                    }
                }
            }
        }
        return ElementValues.build(cursor, file::build);
    }

    private Publisher readPublisher() throws MetalinkException {
        String name = null;
        String url = null;
        while (cursor.nextChild()) {
            if (cursor.is(NS, "name")) {
                name = cursor.readTextString();
            } else if (cursor.is(NS, "url")) {
                url = cursor.readTextString();
            } else {
                cursor.skip();
            }
        }
        return name != null && !name.isEmpty() || url != null && !url.isEmpty() ? new Publisher(name, url) : null;
    }

    private void readVerification(MetalinkFile.Builder file, SingleElements seen, String context) throws MetalinkException {
        while (cursor.nextChild()) {
            if (!NS.equals(cursor.namespace())) {
                cursor.skip();
                continue;
            }
            switch (cursor.localName()) {
                case "hash" -> {
                    Optional<HashType> type = HashType.fromName(ElementValues.hashTypeName(cursor, context));
                    if (type.isPresent()) {
                        file.addHash(ElementValues.readHash(cursor, type.get(), context));
                    } else {
                        cursor.skip();
                    }
                }
                case "pieces" -> readPieces(file, context);
                case "signature" -> {
                    seen.once(cursor, context);
                    file.signature(readSignature());
                }
                default -> cursor.skip();
            }
        }
    }

    private Signature readSignature() throws MetalinkException {
        String type = cursor.attribute("type");
        String content = cursor.readTextString();
        if (content.isEmpty()) {
            return null;
        }
        String stripped = type == null ? "" : XmlText.strip(type);
        String mediatype = stripped.isEmpty() || stripped.equalsIgnoreCase("pgp") ? Signature.PGP : stripped;
        return new Signature(mediatype, content);
    }

    private void readPieces(MetalinkFile.Builder file, String context) throws MetalinkException {
        int length = ElementValues.pieceLength(cursor, cursor.attribute("length"), context);
        Optional<HashType> type = HashType.fromName(ElementValues.hashTypeName(cursor, context));
        if (type.isEmpty()) {
            cursor.skip();
            return;
        }
        pieces.reset(type.get(), length, declaredSize);
        boolean inOrder = true;
        while (cursor.nextChild()) {
            if (!cursor.is(NS, "hash")) {
                cursor.skip();
                continue;
            }
            int index = pieceIndex(context);
            cursor.readText();
            int position = pieces.count();
            pieces.addFromText(cursor, limits.maxPieceHashes(), context);
            if (position == pieceIndexes.length) {
                pieceIndexes = Arrays.copyOf(pieceIndexes, 2 * position);
            }
            pieceIndexes[position] = index;
            inOrder &= index == position;
        }
        if (pieces.count() == 0) {
            throw cursor.error(Kind.MISSING_VALUE, context + ": <pieces> has no <hash>");
        }
        file.addPieces(inOrder ? pieces.build() : reorderedPieces(type.get(), length, context));
    }

    private int pieceIndex(String context) throws MetalinkException {
        String value = cursor.attribute("piece");
        if (value == null) {
            throw cursor.error(Kind.MISSING_VALUE, context + ": piece <hash> has no piece attribute");
        }
        long index = ElementValues.parseNonNegative(XmlText.strip(value), Integer.MAX_VALUE);
        if (index < 0) {
            throw cursor.error(Kind.INVALID_VALUE, context + ": piece index " + XmlText.quote(value) + " is not a non-negative integer");
        }
        return (int) index;
    }

    private PieceHashes reorderedPieces(HashType type, int length, String context) throws MetalinkException {
        int count = pieces.count();
        int digestLength = type.digestLength();
        byte[] ordered = new byte[count * digestLength];
        boolean[] filled = new boolean[count];
        for (int position = 0; position < count; position++) {
            int index = pieceIndexes[position];
            if (index >= count) {
                throw cursor.error(Kind.INVALID_VALUE, context + ": piece index " + index + " is out of range for "
                        + count + " piece hashes, which must be numbered 0 to " + (count - 1));
            }
            if (filled[index]) {
                throw cursor.error(Kind.INVALID_VALUE, context + ": piece index " + index + " appears more than once");
            }
            filled[index] = true;
            pieces.copyDigest(position, ordered, index * digestLength);
        }
        return PieceHashes.of(type, length, ordered, count);
    }

    private void readResources(MetalinkFile.Builder file, String context) throws MetalinkException {
        int urls = 0;
        int metaurls = 0;
        while (cursor.nextChild()) {
            if (!cursor.is(NS, "url")) {
                cursor.skip();
                continue;
            }
            String type = cursor.attribute("type");
            String location = cursor.attribute("location");
            OptionalInt priority = priorityOfPreference(cursor.attribute("preference"));
            String lowerType = type == null ? "" : XmlText.strip(type).toLowerCase(Locale.ROOT);
            boolean torrent = lowerType.equals("bittorrent") || lowerType.equals("torrent");
            if (torrent ? ++metaurls > limits.maxUrlsPerFile() : ++urls > limits.maxUrlsPerFile()) {
                throw cursor.error(Kind.LIMIT_EXCEEDED, context + ": more than " + limits.maxUrlsPerFile()
                        + (torrent ? " bittorrent urls" : " urls"));
            }
            String url = ElementValues.requiredText(cursor, context);
            if (torrent) {
                file.addMetaurl(new Metaurl(url, Metaurl.TORRENT, priority, null));
            } else {
                file.addUrl(new MetalinkUrl(url, location, priority));
            }
        }
    }

    /** aria2's mapping: preference p (0–100, higher preferred) becomes priority 101 - p. */
    private static OptionalInt priorityOfPreference(String value) {
        if (value == null) {
            return OptionalInt.empty();
        }
        long preference = ElementValues.parseNonNegative(XmlText.strip(value), Integer.MAX_VALUE);
        if (preference < 0) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(BEST_PREFERENCE + 1 - (int) Math.min(preference, BEST_PREFERENCE));
    }
}
