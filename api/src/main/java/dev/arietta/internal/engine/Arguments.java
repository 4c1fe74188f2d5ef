package dev.arietta.internal.engine;

import dev.arietta.Option;
import dev.arietta.OptionException;
import dev.arietta.Options;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;

/** Checks of the caller's arguments, made on the caller's thread before anything is queued. */
final class Arguments {

    private Arguments() {
    }

    static List<String> checkUris(List<String> uris) {
        if (uris == null || uris.isEmpty()) {
            throw new IllegalArgumentException("a download needs at least one URI");
        }
        for (String uri : uris) {
            checkUri(uri);
        }
        return List.copyOf(uris);
    }

    static void checkUri(String uri) {
        try {
            URI parsed = new URI(Objects.requireNonNull(uri, "uri"));
            if (parsed.getScheme() == null || parsed.getHost() == null) {
                throw new IllegalArgumentException("not an absolute URI with a host: " + uri);
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed URI: " + e.getMessage(), e);
        }
    }

    static void checkDownloadScope(Options options) {
        for (Option<?> option : options.options()) {
            if (option.scope() != Option.Scope.DOWNLOAD) {
                throw new OptionException(option.name(), option.name() + ": a session-wide option, not accepted"
                        + " for one download");
            }
        }
    }

    static void checkChangeableForDownload(Options changes) {
        for (Option<?> option : changes.options()) {
            if (option.scope() != Option.Scope.DOWNLOAD || option.change() == Option.Change.NEVER) {
                throw new OptionException(option.name(), option.name() + ": cannot be changed for a download");
            }
        }
    }

    static void checkChangeableGlobally(Options changes) {
        for (Option<?> option : changes.options()) {
            if (!option.changeableGlobally() || option.scope() == Option.Scope.GLOBAL
                    && option.change() == Option.Change.NEVER) {
                throw new OptionException(option.name(), option.name() + ": cannot be changed while the session runs");
            }
        }
    }
}
