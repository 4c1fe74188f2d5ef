package dev.arietta.metalink.internal;

import dev.arietta.metalink.Hash;
import dev.arietta.metalink.MetalinkDocument;
import dev.arietta.metalink.MetalinkFile;
import dev.arietta.metalink.MetalinkUrl;
import dev.arietta.metalink.Metaurl;
import dev.arietta.metalink.PieceHashes;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Writes a model as a Metalink 4 document: UTF-8, the Metalink namespace as default
 * namespace, two-space indentation, elements in the order of RFC 5854's examples. Text and
 * attribute values are escaped so that a parser reads back exactly what the model holds:
 * {@code & < >} everywhere, {@code "} and tab / line feed / carriage return in attributes
 * (attribute-value normalization would turn them into spaces), and carriage return in text
 * (end-of-line handling would drop it). The model already refuses characters XML 1.0
 * cannot carry. Stateless.
 */
public final class Metalink4Writer {

    private Metalink4Writer() {
    }

    /** Writes {@code document} to {@code output}, flushed but not closed. */
    public static void write(MetalinkDocument document, OutputStream output) throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.write("<metalink xmlns=\"" + Namespaces.METALINK4 + "\">\n");
        textElement(out, 1, "generator", document.generator());
        if (document.origin() != null) {
            indent(out, 1);
            out.write("<origin");
            if (document.dynamic()) {
                attribute(out, "dynamic", "true");
            }
            out.write('>');
            text(out, document.origin());
            out.write("</origin>\n");
        }
        textElement(out, 1, "published", date(document.published()));
        textElement(out, 1, "updated", date(document.updated()));
        for (MetalinkFile file : document.files()) {
            writeFile(out, file);
        }
        out.write("</metalink>\n");
        out.flush();
    }

    private static void writeFile(Writer out, MetalinkFile file) throws IOException {
        indent(out, 1);
        out.write("<file");
        attribute(out, "name", file.name());
        out.write(">\n");
        if (file.size().isPresent()) {
            textElement(out, 2, "size", Long.toString(file.size().getAsLong()));
        }
        textElement(out, 2, "identity", file.identity());
        textElement(out, 2, "version", file.version());
        for (String language : file.languages()) {
            textElement(out, 2, "language", language);
        }
        for (String os : file.oses()) {
            textElement(out, 2, "os", os);
        }
        textElement(out, 2, "description", file.description());
        textElement(out, 2, "copyright", file.copyright());
        textElement(out, 2, "logo", file.logo());
        if (file.publisher() != null) {
            indent(out, 2);
            out.write("<publisher");
            if (file.publisher().name() != null) {
                attribute(out, "name", file.publisher().name());
            }
            if (file.publisher().url() != null) {
                attribute(out, "url", file.publisher().url());
            }
            out.write("/>\n");
        }
        for (Hash hash : file.hashes()) {
            indent(out, 2);
            out.write("<hash");
            attribute(out, "type", hash.type().canonicalName());
            out.write('>');
            out.write(hash.hex());
            out.write("</hash>\n");
        }
        for (PieceHashes pieces : file.pieces()) {
            writePieces(out, pieces);
        }
        for (MetalinkUrl url : file.urls()) {
            indent(out, 2);
            out.write("<url");
            if (url.location() != null) {
                attribute(out, "location", url.location());
            }
            if (url.priority().isPresent()) {
                attribute(out, "priority", Integer.toString(url.priority().getAsInt()));
            }
            out.write('>');
            text(out, url.url());
            out.write("</url>\n");
        }
        for (Metaurl metaurl : file.metaurls()) {
            indent(out, 2);
            out.write("<metaurl");
            attribute(out, "mediatype", metaurl.mediatype());
            if (metaurl.priority().isPresent()) {
                attribute(out, "priority", Integer.toString(metaurl.priority().getAsInt()));
            }
            if (metaurl.name() != null) {
                attribute(out, "name", metaurl.name());
            }
            out.write('>');
            text(out, metaurl.url());
            out.write("</metaurl>\n");
        }
        if (file.signature() != null) {
            indent(out, 2);
            out.write("<signature");
            attribute(out, "mediatype", file.signature().mediatype());
            out.write('>');
            text(out, file.signature().content());
            out.write("</signature>\n");
        }
        indent(out, 1);
        out.write("</file>\n");
    }

    private static void writePieces(Writer out, PieceHashes pieces) throws IOException {
        indent(out, 2);
        out.write("<pieces");
        attribute(out, "length", Integer.toString(pieces.pieceLength()));
        attribute(out, "type", pieces.type().canonicalName());
        out.write(">\n");
        for (int i = 0; i < pieces.count(); i++) {
            indent(out, 3);
            out.write("<hash>");
            out.write(pieces.hex(i));
            out.write("</hash>\n");
        }
        indent(out, 2);
        out.write("</pieces>\n");
    }

    private static String date(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    private static void textElement(Writer out, int depth, String name, String value) throws IOException {
        if (value == null) {
            return;
        }
        indent(out, depth);
        out.write('<');
        out.write(name);
        out.write('>');
        text(out, value);
        out.write("</");
        out.write(name);
        out.write(">\n");
    }

    private static void indent(Writer out, int depth) throws IOException {
        for (int i = 0; i < depth; i++) {
            out.write("  ");
        }
    }

    private static void attribute(Writer out, String name, String value) throws IOException {
        out.write(' ');
        out.write(name);
        out.write("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.write("&amp;");
                case '<' -> out.write("&lt;");
                case '>' -> out.write("&gt;");
                case '"' -> out.write("&quot;");
                case '\t' -> out.write("&#9;");
                case '\n' -> out.write("&#10;");
                case '\r' -> out.write("&#13;");
                default -> out.write(c);
            }
        }
        out.write('"');
    }

    private static void text(Writer out, String value) throws IOException {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.write("&amp;");
                case '<' -> out.write("&lt;");
                case '>' -> out.write("&gt;");
                case '\r' -> out.write("&#13;");
                default -> out.write(c);
            }
        }
    }
}
