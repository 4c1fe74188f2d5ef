package dev.arietta.metalink;

import dev.arietta.metalink.internal.XmlText;

/**
 * Who publishes a file. Immutable.
 *
 * @param name the publisher's name, or null
 * @param url  the publisher's web site, or null
 */
public record Publisher(String name, String url) {

    /**
     * @throws IllegalArgumentException if both are absent, or a value has a character XML 1.0
     *                                  cannot carry
     */
    public Publisher {
        name = XmlText.optional("publisher name", name);
        url = XmlText.optional("publisher url", url);
        if (name == null && url == null) {
            throw new IllegalArgumentException("publisher needs a name or a url");
        }
    }
}
