package dev.arietta.http.internal.netrc;

/**
 * One {@code machine} (or the {@code default}) entry of a {@code .netrc} file. Immutable.
 *
 * @param machine the host name, or {@code null} for the {@code default} entry
 * @param login the user name, or {@code null} when the entry has none
 * @param password the password, or {@code null} when the entry has none
 * @param account the account (sent with FTP's {@code ACCT}), or {@code null}
 */
public record NetrcEntry(String machine, String login, String password, String account) {

    /** Whether this is the {@code default} entry. */
    public boolean isDefault() {
        return machine == null;
    }

    /** Masks the password and account. */
    @Override
    public String toString() {
        return "NetrcEntry[" + (machine == null ? "default" : "machine=" + machine) + ", login=" + login
                + ", password=" + (password == null ? "none" : "***")
                + ", account=" + (account == null ? "none" : "***") + "]";
    }
}
