package dev.arietta.metalink.internal;

import dev.arietta.metalink.HashType;
import dev.arietta.metalink.MetalinkDocument;
import dev.arietta.metalink.MetalinkException;
import dev.arietta.metalink.MetalinkException.Kind;
import dev.arietta.metalink.MetalinkFile;
import dev.arietta.metalink.MetalinkLimits;
import dev.arietta.metalink.MetalinkUrl;
import dev.arietta.metalink.Metaurl;
import dev.arietta.metalink.Publisher;
import dev.arietta.metalink.Signature;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads a Metalink 4 document (RFC 5854) from a cursor on its root element. Elements of other
 * namespaces are skipped with their subtree; unknown elements of the Metalink namespace too,
 * for forward compatibility. Hashes of unknown types are dropped, as aria2 drops them.
 * Single-valued elements ({@code size}, {@code version}, {@code published}, …) may appear
 * once. Not thread-safe; one reader per document.
 */
final class Metalink4Reader {

    /** RFC 3339 date-time; case-insensitive {@code T} and {@code Z} as RFC 3339 allows. */
    static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendOffset("+HH:MM", "Z")
            .toFormatter();

    private static final String NS = Namespaces.METALINK4;

    private final XmlCursor cursor;
    private final MetalinkLimits limits;
    private final PieceBuffer pieces = new PieceBuffer();
    private final SingleElements fileSingles = new SingleElements();
    /** The current file's size if its size element came before its pieces, else -1. */
    private long declaredSize;

    Metalink4Reader(XmlCursor cursor, MetalinkLimits limits) {
        this.cursor = cursor;
        this.limits = limits;
    }

    MetalinkDocument read() throws MetalinkException {
        String generator = null;
        String origin = null;
        boolean dynamic = false;
        Instant published = null;
        Instant updated = null;
        List<MetalinkFile> files = new ArrayList<>();
        Set<String> names = new HashSet<>();
        SingleElements seen = new SingleElements();
        while (cursor.nextChild()) {
            if (!NS.equals(cursor.namespace())) {
                cursor.skip();
                continue;
            }
            switch (cursor.localName()) {
                case "file" -> {
                    if (files.size() == limits.maxFiles()) {
                        throw cursor.error(Kind.LIMIT_EXCEEDED, "metalink has more than " + limits.maxFiles() + " files");
                    }
                    MetalinkFile file = readFile();
                    if (!names.add(file.name())) {
                        throw cursor.error(Kind.INVALID_VALUE, "two files are named " + XmlText.quote(file.name()));
                    }
                    files.add(file);
                }
                case "generator" -> {
                    seen.once(cursor, "metalink");
                    generator = cursor.readTextString();
                }
                case "origin" -> {
                    seen.once(cursor, "metalink");
                    dynamic = readDynamic();
                    origin = ElementValues.requiredText(cursor, "metalink");
                }
                case "published" -> {
                    seen.once(cursor, "metalink");
                    published = readDate();
                }
                case "updated" -> {
                    seen.once(cursor, "metalink");
                    updated = readDate();
                }
                default -> cursor.skip();
            }
        }
        if (files.isEmpty()) {
            throw cursor.error(Kind.MISSING_VALUE, "metalink has no <file> element");
        }
        String finalGenerator = generator;
        String finalOrigin = origin;
        boolean finalDynamic = dynamic;
        Instant finalPublished = published;
        Instant finalUpdated = updated;
        return ElementValues.build(cursor, () -> new MetalinkDocument(
                finalGenerator, finalOrigin, finalDynamic, finalPublished, finalUpdated, files));
    }

    private boolean readDynamic() throws MetalinkException {
        String value = cursor.attribute("dynamic");
        if (value == null) {
            return false;
        }
        return switch (XmlText.strip(value)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw cursor.error(Kind.INVALID_VALUE, "origin dynamic " + XmlText.quote(value) + " is not true or false");
        };
    }

    private Instant readDate() throws MetalinkException {
        String element = cursor.localName();
        String text = cursor.readTextString();
        try {
            return OffsetDateTime.parse(text, RFC_3339).toInstant();
        } catch (DateTimeParseException e) {
            throw cursor.error(Kind.INVALID_VALUE, element + " " + XmlText.quote(text) + " is not an RFC 3339 date-time");
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
        int urls = 0;
        int metaurls = 0;
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
                case "url" -> {
                    if (++urls > limits.maxUrlsPerFile()) {
                        throw cursor.error(Kind.LIMIT_EXCEEDED, context + ": more than " + limits.maxUrlsPerFile() + " urls");
                    }
                    file.addUrl(readUrl(context));
                }
                case "metaurl" -> {
                    if (++metaurls > limits.maxUrlsPerFile()) {
                        throw cursor.error(Kind.LIMIT_EXCEEDED, context + ": more than " + limits.maxUrlsPerFile() + " metaurls");
                    }
                    file.addMetaurl(readMetaurl(context));
                }
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
                    file.signature(readSignature(context));
                }
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
        String name = cursor.attribute("name");
        String url = cursor.attribute("url");
        cursor.skip();
        boolean hasName = name != null && !XmlText.strip(name).isEmpty();
        boolean hasUrl = url != null && !XmlText.strip(url).isEmpty();
        return hasName || hasUrl ? new Publisher(name, url) : null;
    }

    private MetalinkUrl readUrl(String context) throws MetalinkException {
        String location = cursor.attribute("location");
        OptionalInt priority = optionalPriority(context);
        String url = ElementValues.requiredText(cursor, context);
        return new MetalinkUrl(url, location, priority);
    }

    private Metaurl readMetaurl(String context) throws MetalinkException {
        String mediatype = cursor.attribute("mediatype");
        if (mediatype == null || XmlText.strip(mediatype).isEmpty()) {
            throw cursor.error(Kind.MISSING_VALUE, context + ": <metaurl> has no mediatype attribute");
        }
        OptionalInt priority = optionalPriority(context);
        String name = cursor.attribute("name");
        if (name != null) {
            ElementValues.safeName(cursor, name, "metaurl name", context + ": ");
        }
        String url = ElementValues.requiredText(cursor, context);
        return new Metaurl(url, mediatype, priority, name);
    }

    private OptionalInt optionalPriority(String context) throws MetalinkException {
        String value = cursor.attribute("priority");
        return value == null ? OptionalInt.empty() : OptionalInt.of(ElementValues.priority(cursor, value, context));
    }

    private void readPieces(MetalinkFile.Builder file, String context) throws MetalinkException {
        int length = ElementValues.pieceLength(cursor, cursor.attribute("length"), context);
        Optional<HashType> type = HashType.fromName(ElementValues.hashTypeName(cursor, context));
        if (type.isEmpty()) {
            cursor.skip();
            return;
        }
        pieces.reset(type.get(), length, declaredSize);
        while (cursor.nextChild()) {
            if (cursor.is(NS, "hash")) {
                cursor.readText();
                pieces.addFromText(cursor, limits.maxPieceHashes(), context);
            } else {
                cursor.skip();
            }
        }
        if (pieces.count() == 0) {
            throw cursor.error(Kind.MISSING_VALUE, context + ": <pieces> has no <hash>");
        }
        file.addPieces(pieces.build());
    }

    private Signature readSignature(String context) throws MetalinkException {
        String mediatype = cursor.attribute("mediatype");
        if (mediatype == null || XmlText.strip(mediatype).isEmpty()) {
            throw cursor.error(Kind.MISSING_VALUE, context + ": <signature> has no mediatype attribute");
        }
        String content = cursor.readTextString();
        return content.isEmpty() ? null : new Signature(mediatype, content);
    }
}
