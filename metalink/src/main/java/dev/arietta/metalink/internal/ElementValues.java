package dev.arietta.metalink.internal;

import dev.arietta.metalink.Hash;
import dev.arietta.metalink.HashType;
import dev.arietta.metalink.MetalinkException;
import dev.arietta.metalink.MetalinkException.Kind;
import dev.arietta.metalink.MetalinkUrl;
import java.util.function.Supplier;

/** Value parsing shared by the Metalink 3 and 4 readers; every failure names its context. */
final class ElementValues {

    private ElementValues() {
    }

    /** Reads a {@code size} element: a non-negative decimal integer of at most 63 bits. */
    static long readSize(XmlCursor cursor, String context) throws MetalinkException {
        String text = cursor.readTextString();
        long value = parseNonNegative(text, Long.MAX_VALUE);
        if (value < 0) {
            throw cursor.error(Kind.INVALID_VALUE, context + ": size " + XmlText.quote(text)
                    + " is not a non-negative integer of at most " + Long.MAX_VALUE);
        }
        return value;
    }

    /** Parses a Metalink 4 {@code priority} attribute: 1 to {@link MetalinkUrl#LOWEST_PRIORITY}. */
    static int priority(XmlCursor cursor, String value, String context) throws MetalinkException {
        long parsed = parseNonNegative(XmlText.strip(value), MetalinkUrl.LOWEST_PRIORITY);
        if (parsed < 1) {
            throw cursor.error(Kind.INVALID_VALUE, context + ": <" + cursor.localName() + "> priority "
                    + XmlText.quote(value) + " is not an integer from 1 to " + MetalinkUrl.LOWEST_PRIORITY);
        }
        return (int) parsed;
    }

    /** Parses a {@code pieces length} attribute: 1 to {@link Integer#MAX_VALUE} bytes. */
    static int pieceLength(XmlCursor cursor, String value, String context) throws MetalinkException {
        if (value == null || XmlText.strip(value).isEmpty()) {
            throw cursor.error(Kind.MISSING_VALUE, context + ": <pieces> has no length attribute");
        }
        long parsed = parseNonNegative(XmlText.strip(value), Integer.MAX_VALUE);
        if (parsed < 1) {
            throw cursor.error(Kind.INVALID_VALUE, context + ": pieces length " + XmlText.quote(value)
                    + " is not an integer from 1 to " + Integer.MAX_VALUE);
        }
        return (int) parsed;
    }

    /** The {@code type} attribute of a hash or pieces element; refused when missing. */
    static String hashTypeName(XmlCursor cursor, String context) throws MetalinkException {
        String type = cursor.attribute("type");
        if (type == null || XmlText.strip(type).isEmpty()) {
            throw cursor.error(Kind.MISSING_VALUE, context + ": <" + cursor.localName() + "> has no type attribute");
        }
        return type;
    }

    /** Reads a hash element's hex text as a digest of {@code type}. */
    static Hash readHash(XmlCursor cursor, HashType type, String context) throws MetalinkException {
        cursor.readText();
        CharSequence text = cursor.textView();
        String problem = Hex.problem(text, type.digestLength());
        if (problem != null) {
            throw cursor.error(Kind.INVALID_VALUE, context + ": " + type + " hash " + XmlText.quote(text) + " " + problem);
        }
        return new Hash(type, text.toString());
    }

    /** Reads an element whose text is required. */
    static String requiredText(XmlCursor cursor, String context) throws MetalinkException {
        String element = cursor.localName();
        String text = cursor.readTextString();
        if (text.isEmpty()) {
            throw cursor.error(Kind.MISSING_VALUE, context + ": <" + element + "> is empty");
        }
        return text;
    }

    /** Checks a file or metaurl name against {@link FileNames}. */
    static String safeName(XmlCursor cursor, String name, String what, String context) throws MetalinkException {
        String problem = FileNames.problem(name);
        if (problem != null) {
            throw cursor.error(Kind.UNSAFE_NAME, context + what + " " + XmlText.quote(name) + " " + problem);
        }
        return name;
    }

    /** Builds a model value, reporting a model rule it breaks as INVALID_VALUE here. */
    static <T> T build(XmlCursor cursor, Supplier<T> constructor) throws MetalinkException {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw cursor.error(Kind.INVALID_VALUE, e.getMessage());
        }
    }

    /**
     * Plain decimal digits as a number no larger than {@code max}, or -1: no sign, no
     * spaces, no overflow.
     */
    static long parseNonNegative(String text, long max) {
        if (text.isEmpty() || text.length() > 19) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
            if (value < 0 || value > max) {
                return -1;
            }
        }
        return value;
    }
}
