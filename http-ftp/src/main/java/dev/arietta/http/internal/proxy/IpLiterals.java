package dev.arietta.http.internal.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Parses IPv4 and IPv6 literals without ever doing a DNS lookup. Stateless. */
final class IpLiterals {
    private IpLiterals() {
    }

    /** The 4 or 16 address bytes of a literal (IPv6 with or without brackets), or null. */
    static byte[] parse(String text) {
        String literal = text;
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        if (literal.isEmpty()) {
            return null;
        }
        if (literal.indexOf(':') >= 0) {
            for (int i = 0; i < literal.length(); i++) {
                char c = literal.charAt(i);
                if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                    return null;
                }
            }
        } else if (!isDottedQuad(literal)) {
            return null;
        }
        try {
            // Only digits, hex, ':' and '.' reach here, which InetAddress parses without a lookup.
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException | IllegalArgumentException invalid) {
            return null;
        }
    }

    private static boolean isDottedQuad(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3) {
                return false;
            }
            for (int i = 0; i < part.length(); i++) {
                if (part.charAt(i) < '0' || part.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
