package dev.arietta.ftp.internal;

import dev.arietta.ftp.FtpException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * An {@code ftp://} URL split the way RFC 1738 §3.2.2 reads it: each path element but the last
 * is a directory to {@code CWD} into, relative to the login directory; the last is the file to
 * retrieve. Elements are percent-decoded into octet strings (see {@link FtpOctets}), so
 * {@code %2F} yields an absolute {@code CWD /...}. Empty elements ({@code //}) are skipped; a
 * {@code ;type=} suffix is accepted and ignored (transfers are always binary, as in aria2).
 * Immutable.
 *
 * @param host the host, IPv6 without brackets
 * @param port the control port (21 by default)
 * @param user the user from the URL (octets), or {@code null}
 * @param password the password from the URL (octets), or {@code null}
 * @param directories the directories to change into, in order (octets)
 * @param fileName the file name (octets)
 * @param masked the URL with any password replaced by {@code ***}, for messages
 */
public record FtpUrl(String host, int port, String user, String password, List<String> directories,
                     String fileName, String masked) {
    /** The FTP control port when the URL names none. */
    public static final int DEFAULT_PORT = 21;

    public FtpUrl {
        directories = List.copyOf(directories);
    }

    /**
     * Parses {@code uri}.
     *
     * @throws FtpException with reason {@code BAD_URL} when it is not a usable ftp URL
     */
    public static FtpUrl parse(URI uri) throws FtpException {
        String masked = mask(uri);
        if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("ftp")) {
            throw badUrl(masked, "not an ftp URL");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw badUrl(masked, "no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        if (port == 0 || port > 65535) {
            throw badUrl(masked, "bad port " + port);
        }
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(masked, colon < 0 ? userInfo : userInfo.substring(0, colon), "user");
            password = colon < 0 ? null : decode(masked, userInfo.substring(colon + 1), "password");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        int typeSuffix = path.toLowerCase(Locale.ROOT).lastIndexOf(";type=");
        if (typeSuffix >= 0) {
            path = path.substring(0, typeSuffix);
        }
        if (path.isEmpty() || path.endsWith("/")) {
            throw badUrl(masked, "no file name (directory listings are not supported)");
        }
        List<String> elements = new ArrayList<>();
        for (String raw : path.split("/")) {
            if (!raw.isEmpty()) {
                elements.add(decode(masked, raw, "path"));
            }
        }
        if (elements.isEmpty()) {
            throw badUrl(masked, "no file name");
        }
        String fileName = elements.remove(elements.size() - 1);
        return new FtpUrl(host, port, user, password, Collections.unmodifiableList(elements), fileName, masked);
    }

    private static String decode(String masked, String raw, String what) throws FtpException {
        String octets = FtpOctets.percentDecode(raw);
        if (octets == null) {
            throw badUrl(masked, "bad percent-encoding in " + what);
        }
        if (!FtpOctets.isSafeArgument(octets)) {
            throw badUrl(masked, "CR, LF or NUL in " + what);
        }
        return octets;
    }

    private static FtpException badUrl(String masked, String detail) {
        return new FtpException(FtpException.Reason.BAD_URL, masked, null, 0, null, detail, null);
    }

    /** The URI text with the password part of the user info replaced by {@code ***}. */
    static String mask(URI uri) {
        String text = uri.toString();
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null || userInfo.indexOf(':') < 0) {
            return text;
        }
        String user = userInfo.substring(0, userInfo.indexOf(':'));
        return text.replaceFirst(java.util.regex.Pattern.quote(userInfo + "@"),
                java.util.regex.Matcher.quoteReplacement(user + ":***@"));
    }

    @Override
    public String toString() {
        return masked;
    }
}
