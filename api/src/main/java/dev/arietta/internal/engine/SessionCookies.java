package dev.arietta.internal.engine;

import dev.arietta.http.internal.CookieSource;
import dev.arietta.http.internal.cookie.CookieFileLimits;
import dev.arietta.http.internal.cookie.CookieJar;
import dev.arietta.http.internal.cookie.NetscapeCookieFile;
import dev.arietta.http.internal.cookie.PublicSuffixPolicy;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * The session's cookie jar: filled from {@code load-cookies} when the session starts, shared by
 * every HTTP client, written to {@code save-cookies} at shutdown. Thread-safe (the jar is).
 */
final class SessionCookies implements CookieSource {

    private final CookieJar jar;
    private final Logger log;

    private SessionCookies(CookieJar jar, Logger log) {
        this.jar = jar;
        this.log = log;
    }

    /**
     * A jar loaded from {@code file} (Mozilla/Netscape format, {@link CookieFileLimits#DEFAULTS}),
     * or empty when {@code file} is null. A file that cannot be read is reported with a warning
     * naming it, and the session starts with an empty jar, as aria2 does.
     */
    static SessionCookies load(Path file, Clock clock, Logger log) {
        CookieJar jar = new CookieJar(clock);
        if (file != null) {
            try {
                NetscapeCookieFile.load(file, jar, clock.instant(), PublicSuffixPolicy.SINGLE_LABEL,
                        CookieFileLimits.DEFAULTS);
            } catch (IOException failure) {
                log.warn("cannot load cookies from {}: {}", file, failure.getMessage());
            }
        }
        return new SessionCookies(jar, log);
    }

    @Override
    public Optional<String> cookieHeader(URI uri) {
        return jar.cookieHeader(uri);
    }

    @Override
    public void store(URI uri, List<String> setCookieValues) {
        for (String value : setCookieValues) {
            jar.receiveOrIgnore(uri, value);
        }
    }

    /** Writes the unexpired cookies to {@code file} (replacing it); failures are logged. */
    void save(Path file) {
        try {
            NetscapeCookieFile.save(file, jar);
        } catch (IOException failure) {
            log.warn("cannot save cookies to {}: {}", file, failure.getMessage());
        }
    }
}
