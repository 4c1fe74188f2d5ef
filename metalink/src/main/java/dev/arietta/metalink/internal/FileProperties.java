package dev.arietta.metalink.internal;

import dev.arietta.metalink.MetalinkException;
import dev.arietta.metalink.MetalinkFile;

/**
 * The descriptive {@code <file>} children that Metalink 3 and 4 spell alike (version,
 * language, os, description, identity, copyright, logo), read the same way for both.
 */
final class FileProperties {

    private FileProperties() {
    }

    /**
     * Reads the current element into {@code file} if it is one of the shared properties.
     *
     * @return false if the element is not one of them (the cursor has not moved)
     */
    static boolean read(XmlCursor cursor, MetalinkFile.Builder file, SingleElements seen, String context)
            throws MetalinkException {
        switch (cursor.localName()) {
            case "version" -> {
                seen.once(cursor, context);
                file.version(cursor.readTextString());
            }
            case "language" -> {
                String language = cursor.readTextString();
                if (!language.isEmpty()) {
                    file.addLanguage(language);
                }
            }
            case "os" -> {
                String os = cursor.readTextString();
                if (!os.isEmpty()) {
                    file.addOs(os);
                }
            }
            case "description" -> {
                seen.once(cursor, context);
                file.description(cursor.readTextString());
            }
            case "identity" -> {
                seen.once(cursor, context);
                file.identity(cursor.readTextString());
            }
            case "copyright" -> {
                seen.once(cursor, context);
                file.copyright(cursor.readTextString());
            }
            case "logo" -> {
                seen.once(cursor, context);
                file.logo(cursor.readTextString());
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
