package dev.arietta.metalink.internal;

import dev.arietta.metalink.MetalinkException;
import dev.arietta.metalink.MetalinkException.Kind;
import java.util.Arrays;

/**
 * Remembers which single-valued elements ({@code size}, {@code version}, …) one parent has
 * had, to refuse a second one. A few names at most, so a linear scan over a small array
 * beats a hash set per file (MetalinkBenchmark.parseManyFiles). Not thread-safe.
 */
final class SingleElements {

    private String[] names = new String[8];
    private int count;

    /** Forgets every name, for the next parent. */
    void clear() {
        count = 0;
    }

    /**
     * Records the cursor's current element.
     *
     * @param context names the parent, for the error message
     * @throws MetalinkException INVALID_VALUE if the element was already seen
     */
    void once(XmlCursor cursor, String context) throws MetalinkException {
        String name = cursor.localName();
        for (int i = 0; i < count; i++) {
            if (names[i].equals(name)) {
                throw cursor.error(Kind.INVALID_VALUE, context + ": <" + name + "> appears more than once");
            }
        }
        if (count == names.length) {
            names = Arrays.copyOf(names, 2 * count);
        }
        names[count++] = name;
    }
}
