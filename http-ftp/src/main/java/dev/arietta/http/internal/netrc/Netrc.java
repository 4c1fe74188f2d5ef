package dev.arietta.http.internal.netrc;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The entries of a parsed {@code .netrc} file. Immutable and thread-safe.
 *
 * <p>Lookup follows aria2 and curl: the first {@code machine} entry whose name equals the host
 * (case-insensitively) wins; otherwise the {@code default} entry, if any.
 */
public final class Netrc {
    private static final Netrc EMPTY = new Netrc(List.of(), null);

    private final List<NetrcEntry> machines;
    private final NetrcEntry defaultEntry;

    Netrc(List<NetrcEntry> machines, NetrcEntry defaultEntry) {
        this.machines = List.copyOf(machines);
        this.defaultEntry = defaultEntry;
    }

    /** A netrc without entries (what a missing or ignored file gives). */
    public static Netrc empty() {
        return EMPTY;
    }

    /** The entry for {@code host}: its first machine entry, else the default entry. */
    public Optional<NetrcEntry> find(String host) {
        String wanted = normalize(host);
        for (NetrcEntry entry : machines) {
            if (entry.machine().equals(wanted)) {
                return Optional.of(entry);
            }
        }
        return Optional.ofNullable(defaultEntry);
    }

    /**
     * The entry for {@code host} whose login is {@code login} (used when a URL names the user
     * but not the password, as curl does), else empty.
     */
    public Optional<NetrcEntry> find(String host, String login) {
        String wanted = normalize(host);
        for (NetrcEntry entry : machines) {
            if (entry.machine().equals(wanted) && login.equals(entry.login())) {
                return Optional.of(entry);
            }
        }
        if (defaultEntry != null && login.equals(defaultEntry.login())) {
            return Optional.of(defaultEntry);
        }
        return Optional.empty();
    }

    /** The machine entries in file order. */
    public List<NetrcEntry> machines() {
        return machines;
    }

    /** The default entry. */
    public Optional<NetrcEntry> defaultEntry() {
        return Optional.ofNullable(defaultEntry);
    }

    private static String normalize(String host) {
        String result = host.toLowerCase(Locale.ROOT);
        if (result.startsWith("[") && result.endsWith("]")) {
            result = result.substring(1, result.length() - 1);
        }
        return result;
    }

    @Override
    public String toString() {
        return "Netrc[" + machines.size() + " machines" + (defaultEntry != null ? " + default" : "") + "]";
    }
}
