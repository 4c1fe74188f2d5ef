package dev.arietta.internal.options;

import dev.arietta.Options;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One download of an input file or saved session: its URIs (mirrors of one file, in order) and
 * its own options, which apply over the session's global options.
 *
 * @param uris    at least one URI, as written (not checked as URIs here; adding the download does)
 * @param options per-download options only ({@code Option.Scope.DOWNLOAD})
 */
public record InputFileEntry(List<String> uris, Options options) {

    /** @throws IllegalArgumentException if there is no URI */
    public InputFileEntry {
        uris = List.copyOf(uris);
        Objects.requireNonNull(options, "options");
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("an input file entry needs at least one URI");
        }
    }

    /**
     * Whether the entry is one local Metalink document, as aria2 reads such a line (and as
     * save-session writes a Metalink's downloads): a single field without {@code ://} whose name
     * ends with {@code .meta4} or {@code .metalink}.
     */
    public boolean isMetalinkFile() {
        return uris.size() == 1 && isMetalinkFile(uris.get(0));
    }

    /** Whether {@code argument} names a local Metalink file: no {@code ://}, a {@code .meta4} or {@code .metalink} name. */
    public static boolean isMetalinkFile(String argument) {
        String lower = argument.toLowerCase(java.util.Locale.ROOT);
        return !argument.contains("://") && (lower.endsWith(".meta4") || lower.endsWith(".metalink"));
    }

    /**
     * The local .torrent file the entry names first, in place of a URI, as aria2 accepts on its
     * command line and in input files: a path without a scheme ending in {@code .torrent}. The
     * other URIs of the entry are then the torrent's web seeds.
     */
    public Optional<Path> torrentFile() {
        String first = uris.get(0);
        if (first.contains("://") || !first.toLowerCase(Locale.ROOT).endsWith(".torrent")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(first));
    }

    /** The URIs after the first: a torrent's web seeds when {@link #torrentFile()} is present. */
    public List<String> otherUris() {
        return uris.subList(1, uris.size());
    }
}
