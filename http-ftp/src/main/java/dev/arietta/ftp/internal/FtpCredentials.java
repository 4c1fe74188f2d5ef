package dev.arietta.ftp.internal;

import dev.arietta.http.internal.netrc.Netrc;
import dev.arietta.http.internal.netrc.NetrcEntry;
import java.util.Objects;
import java.util.Optional;

/**
 * The user, password and optional account ({@code ACCT}) sent at login, as octet strings
 * (see {@link FtpOctets}). Immutable; {@link #toString()} masks the password and account.
 *
 * @param user the user name
 * @param password the password (may be empty)
 * @param account the account, or {@code null}
 */
public record FtpCredentials(String user, String password, String account) {
    /** aria2's default FTP user ({@code ftp-user}). */
    public static final String ANONYMOUS_USER = "anonymous";
    /** The default anonymous password ({@code ftp-passwd}), in the e-mail-like form servers expect. */
    public static final String ANONYMOUS_PASSWORD = "arietta@";

    public FtpCredentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (!FtpOctets.isSafeArgument(user) || !FtpOctets.isSafeArgument(password)
                || (account != null && !FtpOctets.isSafeArgument(account))) {
            throw new IllegalArgumentException("CR, LF or NUL in FTP credentials");
        }
    }

    /**
     * The credentials for {@code url}, in aria2's order:
     * <ol>
     *   <li>user and password from the URL; a URL user without a password takes the password
     *       (and account) of a netrc entry for that host and login, as curl does;</li>
     *   <li>the netrc entry for the host (a {@code machine} entry, else {@code default});</li>
     *   <li>{@code defaultUser} / {@code defaultPassword} (options {@code ftp-user} and
     *       {@code ftp-passwd}; normally {@value #ANONYMOUS_USER} / {@value #ANONYMOUS_PASSWORD}).</li>
     * </ol>
     * A user without any password gets {@code defaultPassword} when it is the default user,
     * otherwise an empty password. Netrc and default values are Unicode and sent as UTF-8.
     */
    public static FtpCredentials resolve(FtpUrl url, Netrc netrc, String defaultUser, String defaultPassword) {
        String fallbackUser = FtpOctets.fromUnicode(defaultUser);
        String fallbackPassword = FtpOctets.fromUnicode(defaultPassword);
        if (url.user() != null) {
            if (url.password() != null) {
                return new FtpCredentials(url.user(), url.password(), null);
            }
            Optional<NetrcEntry> entry = netrc.find(url.host(), FtpOctets.display(url.user()));
            if (entry.isPresent() && entry.get().password() != null) {
                return new FtpCredentials(url.user(), FtpOctets.fromUnicode(entry.get().password()),
                        unicodeOrNull(entry.get().account()));
            }
            return new FtpCredentials(url.user(), url.user().equals(fallbackUser) ? fallbackPassword : "", null);
        }
        Optional<NetrcEntry> entry = netrc.find(url.host());
        if (entry.isPresent() && entry.get().login() != null) {
            String user = FtpOctets.fromUnicode(entry.get().login());
            String password = entry.get().password() != null ? FtpOctets.fromUnicode(entry.get().password())
                    : user.equals(fallbackUser) ? fallbackPassword : "";
            return new FtpCredentials(user, password, unicodeOrNull(entry.get().account()));
        }
        return new FtpCredentials(fallbackUser, fallbackPassword, null);
    }

    private static String unicodeOrNull(String text) {
        return text == null ? null : FtpOctets.fromUnicode(text);
    }

    @Override
    public String toString() {
        return "FtpCredentials[user=" + FtpOctets.display(user) + ", password=***"
                + (account == null ? "" : ", account=***") + "]";
    }
}
