package dev.arietta.http.internal.proxy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Parses aria2's proxy syntax {@code [http://][USER:PASSWORD@]HOST[:PORT]}, also accepting
 * {@code https://} (TLS to the proxy), a bracketed IPv6 host, and a trailing {@code /}.
 * The user and password are percent-decoded; the last {@code @} separates them from the host,
 * so an unencoded {@code @} in a password still works. Other schemes (SOCKS included, which
 * aria2 does not support either) are refused. Stateless.
 */
final class ProxyUriParser {

    /** A parsed proxy value; {@code user} and {@code password} are null when absent. */
    record Parsed(ProxyServer.Scheme scheme, String host, int port, String user, String password) {
    }

    private ProxyUriParser() {
    }

    static Parsed parse(String option, String value) throws ProxyOptionException {
        String rest = value.strip();
        ProxyServer.Scheme scheme = ProxyServer.Scheme.HTTP;
        int schemeEnd = rest.indexOf("://");
        if (schemeEnd >= 0) {
            String name = rest.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
            switch (name) {
                case "http" -> scheme = ProxyServer.Scheme.HTTP;
                case "https" -> scheme = ProxyServer.Scheme.HTTPS;
                default -> throw new ProxyOptionException(option, "unsupported proxy scheme '" + name
                        + "' (only http and https proxies are supported)");
            }
            rest = rest.substring(schemeEnd + 3);
        }
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        if (rest.indexOf('/') >= 0 || rest.indexOf('?') >= 0 || rest.indexOf('#') >= 0) {
            throw new ProxyOptionException(option, "a proxy URI has no path, query or fragment");
        }
        String user = null;
        String password = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = percentDecode(option, colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? "" : percentDecode(option, userInfo.substring(colon + 1));
        }
        String host;
        String portText = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new ProxyOptionException(option, "unterminated '[' in proxy host");
            }
            host = rest.substring(1, close);
            if (IpLiterals.parse(host) == null || host.indexOf(':') < 0) {
                throw new ProxyOptionException(option, "bad IPv6 address in proxy host");
            }
            String after = rest.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new ProxyOptionException(option, "unexpected text after proxy host");
                }
                portText = after.substring(1);
            }
        } else {
            int colon = rest.indexOf(':');
            host = colon < 0 ? rest : rest.substring(0, colon);
            portText = colon < 0 ? null : rest.substring(colon + 1);
            if (!isHostName(host)) {
                throw new ProxyOptionException(option, host.isEmpty() ? "no proxy host" : "bad proxy host");
            }
        }
        int port = scheme.defaultPort();
        if (portText != null) {
            port = parsePort(option, portText);
        }
        return new Parsed(scheme, host.toLowerCase(Locale.ROOT), port, user, password);
    }

    private static int parsePort(String option, String text) throws ProxyOptionException {
        if (text.isEmpty() || text.length() > 5) {
            throw new ProxyOptionException(option, "bad proxy port");
        }
        int port = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new ProxyOptionException(option, "bad proxy port");
            }
            port = port * 10 + (c - '0');
        }
        if (port < 1 || port > 65535) {
            throw new ProxyOptionException(option, "proxy port out of range: " + port);
        }
        return port;
    }

    private static boolean isHostName(String host) {
        if (host.isEmpty() || host.length() > 253) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String percentDecode(String option, String text) throws ProxyOptionException {
        if (text.indexOf('%') < 0) {
            return text;
        }
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%') {
                int high = i + 2 < raw.length ? Character.digit(raw[i + 1], 16) : -1;
                int low = i + 2 < raw.length ? Character.digit(raw[i + 2], 16) : -1;
                if (high < 0 || low < 0) {
                    throw new ProxyOptionException(option, "bad percent-encoding in proxy user or password");
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                bytes.write(raw[i]);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
