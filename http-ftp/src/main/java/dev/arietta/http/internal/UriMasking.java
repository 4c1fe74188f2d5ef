package dev.arietta.http.internal;

import java.net.URI;

/**
 * Hides credentials in URLs before they reach a log line or an exception message:
 * {@code https://user:secret@host/} becomes {@code https://user:****@host/}.
 */
public final class UriMasking {

    /** What a masked password reads as. */
    public static final String MASK = "****";

    private UriMasking() {
    }

    /** The URL as text with any password replaced by {@link #MASK}; "(no URL)" for null. */
    public static String mask(URI uri) {
        if (uri == null) {
            return "(no URL)";
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null) {
            return uri.toString();
        }
        int colon = userInfo.indexOf(':');
        String masked = colon < 0 ? userInfo : userInfo.substring(0, colon + 1) + MASK;
        String text = uri.toString();
        int at = text.indexOf(userInfo + "@");
        return at < 0 ? text : text.substring(0, at) + masked + text.substring(at + userInfo.length());
    }
}
