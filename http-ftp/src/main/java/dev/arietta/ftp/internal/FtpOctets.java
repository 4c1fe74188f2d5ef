package dev.arietta.ftp.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * FTP is octet-based (RFC 959): a file name on the server is a byte string, whatever its
 * encoding. The protocol core therefore carries every path element, user name, password and
 * reply as an <em>octet string</em>: a {@code String} whose chars are each one byte
 * (0–255, ISO-8859-1 mapping). Percent-decoding a URL yields octets directly, and encoding a
 * command with ISO-8859-1 sends them back unchanged, so a server's UTF-8 and legacy file names
 * both round-trip. Text typed by people (netrc, options) is turned into octets as UTF-8.
 * Stateless.
 */
final class FtpOctets {
    private FtpOctets() {
    }

    /** The UTF-8 octets of {@code text}. */
    static String fromUnicode(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** The bytes an octet string stands for. */
    static byte[] bytes(String octets) {
        for (int i = 0; i < octets.length(); i++) {
            if (octets.charAt(i) > 0xFF) {
                throw new IllegalArgumentException("not an octet string: char " + (int) octets.charAt(i));
            }
        }
        return octets.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The octets of a URL component after percent-decoding; null on a bad escape. */
    static String percentDecode(String raw) {
        if (raw.indexOf('%') < 0) {
            return fromUnicode(raw);
        }
        byte[] source = raw.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream decoded = new ByteArrayOutputStream(source.length);
        for (int i = 0; i < source.length; i++) {
            if (source[i] == '%') {
                int high = i + 2 < source.length ? Character.digit(source[i + 1], 16) : -1;
                int low = i + 2 < source.length ? Character.digit(source[i + 2], 16) : -1;
                if (high < 0 || low < 0) {
                    return null;
                }
                decoded.write(high << 4 | low);
                i += 2;
            } else {
                decoded.write(source[i]);
            }
        }
        return decoded.toString(StandardCharsets.ISO_8859_1);
    }

    /** Whether the octets can be a command argument: no CR, LF or NUL (command injection). */
    static boolean isSafeArgument(String octets) {
        for (int i = 0; i < octets.length(); i++) {
            char c = octets.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || c > 0xFF) {
                return false;
            }
        }
        return true;
    }

    /** Octets shown to people: decoded as UTF-8 when valid, else as ISO-8859-1. */
    static String display(String octets) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes(octets))).toString();
        } catch (CharacterCodingException | IllegalArgumentException notUtf8) {
            return octets;
        }
    }
}
