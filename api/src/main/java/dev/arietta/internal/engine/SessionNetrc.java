package dev.arietta.internal.engine;

import dev.arietta.http.internal.netrc.Netrc;
import dev.arietta.http.internal.netrc.NetrcFile;
import dev.arietta.http.internal.netrc.NetrcLimits;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;

/** Loads the session's netrc file ({@code netrc-path}) once, when the session starts. */
final class SessionNetrc {

    private SessionNetrc() {
    }

    /**
     * The entries of {@code file}: empty when it is missing or unset, or (with a warning naming
     * the file and the problem) when it is unreadable, malformed, over {@link NetrcLimits#DEFAULTS}
     * or readable by others, so a bad netrc costs its credentials, not the session.
     */
    static Netrc load(Path file, Logger log) {
        if (file == null) {
            return Netrc.empty();
        }
        try {
            return NetrcFile.load(file, NetrcLimits.DEFAULTS).netrc();
        } catch (IOException failure) {
            log.warn("netrc file {} not used: {}", file, failure.getMessage());
            return Netrc.empty();
        }
    }
}
