package dev.arietta.metalink;

import dev.arietta.metalink.internal.XmlText;

/**
 * A detached signature of a file, to be saved next to it (aria2 writes
 * {@code <file>.sig}); this module does not verify it. Immutable.
 *
 * @param mediatype e.g. {@value #PGP}; Metalink 3's {@code type="pgp"} maps to it
 * @param content   the signature text as written (surrounding white space stripped)
 */
public record Signature(String mediatype, String content) {

    /** Media type of an OpenPGP signature. */
    public static final String PGP = "application/pgp-signature";

    /**
     * @throws IllegalArgumentException if a value is empty or has a character XML 1.0 cannot
     *                                  carry
     */
    public Signature {
        mediatype = XmlText.required("signature mediatype", mediatype);
        content = XmlText.required("signature", content);
    }
}
