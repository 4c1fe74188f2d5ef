package dev.arietta.http.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A user name and password for HTTP Basic authentication (RFC 7617), to a server or a proxy.
 * {@link #toString()} masks the password so the record can be logged. Immutable.
 *
 * @param user     the user name (may not contain a colon, which Basic cannot carry)
 * @param password the password, possibly empty
 */
public record Credentials(String user, String password) {

    public Credentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a Basic user name cannot contain ':'");
        }
        for (char c : (user + password).toCharArray()) {
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("control character in credentials");
            }
        }
    }

    /** The {@code Authorization} / {@code Proxy-Authorization} value: {@code Basic base64(user:password)}. */
    public String basicHeaderValue() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password=" + UriMasking.MASK + "]";
    }
}
