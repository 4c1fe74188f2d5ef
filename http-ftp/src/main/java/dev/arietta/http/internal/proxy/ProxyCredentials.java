package dev.arietta.http.internal.proxy;

import java.util.Objects;

/**
 * A user name and password for proxy authentication (sent as {@code Proxy-Authorization:
 * Basic}). Immutable; {@link #toString()} masks the password.
 *
 * @param user the user name (may be empty)
 * @param password the password (may be empty)
 */
public record ProxyCredentials(String user, String password) {

    public ProxyCredentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "ProxyCredentials[user=" + user + ", password=***]";
    }
}
