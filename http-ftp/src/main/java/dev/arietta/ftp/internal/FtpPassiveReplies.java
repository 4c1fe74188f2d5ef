package dev.arietta.ftp.internal;

import dev.arietta.ftp.FtpException.Reason;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the port (and checks the address) of 229 EPSV and 227 PASV replies. Stateless. */
final class FtpPassiveReplies {
    private static final Pattern PASV_NUMBERS =
            Pattern.compile("(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3})");

    private FtpPassiveReplies() {
    }

    /**
     * The port of an RFC 2428 reply {@code 229 text (<d><d><d>port<d>)}, where {@code <d>} is
     * one delimiter char (33–126, normally {@code |}) repeated.
     */
    static int epsvPort(FtpReply reply) throws ReplyFormatException {
        String text = reply.firstLine();
        int open = text.indexOf('(');
        if (open < 0 || open + 4 >= text.length()) {
            throw malformed("229 reply without (|||port|)");
        }
        char delimiter = text.charAt(open + 1);
        if (delimiter < 33 || delimiter > 126 || text.charAt(open + 2) != delimiter
                || text.charAt(open + 3) != delimiter) {
            throw malformed("229 reply with bad delimiters");
        }
        int position = open + 4;
        int port = 0;
        int digits = 0;
        while (position < text.length() && Character.isDigit(text.charAt(position)) && digits < 6) {
            port = port * 10 + (text.charAt(position) - '0');
            position++;
            digits++;
        }
        if (digits == 0 || position + 1 >= text.length() || text.charAt(position) != delimiter
                || text.charAt(position + 1) != ')') {
            throw malformed("229 reply without a port between delimiters");
        }
        if (port < 1 || port > 65535) {
            throw malformed("229 reply with port out of range: " + port);
        }
        return port;
    }

    /**
     * The port of a {@code 227 text (h1,h2,h3,h4,p1,p2)} reply, after checking the address
     * against the control connection's peer according to {@code policy}.
     *
     * @throws ReplyFormatException {@code MALFORMED_PASSIVE_REPLY} or {@code PASSIVE_ADDRESS_MISMATCH}
     */
    static int pasvPort(FtpReply reply, InetAddress controlPeer, PassiveAddressPolicy policy)
            throws ReplyFormatException {
        Matcher matcher = PASV_NUMBERS.matcher(reply.firstLine());
        if (!matcher.find()) {
            throw malformed("227 reply without h1,h2,h3,h4,p1,p2");
        }
        int[] numbers = new int[6];
        for (int i = 0; i < 6; i++) {
            numbers[i] = Integer.parseInt(matcher.group(i + 1));
            if (numbers[i] > 255) {
                throw malformed("227 reply with a number over 255");
            }
        }
        int port = numbers[4] * 256 + numbers[5];
        if (port == 0) {
            throw malformed("227 reply with port 0");
        }
        byte[] announced = {(byte) numbers[0], (byte) numbers[1], (byte) numbers[2], (byte) numbers[3]};
        boolean unspecified = Arrays.equals(announced, new byte[4]);
        if (policy == PassiveAddressPolicy.REJECT_MISMATCH && !unspecified
                && !(controlPeer instanceof Inet4Address && Arrays.equals(announced, controlPeer.getAddress()))) {
            throw new ReplyFormatException(Reason.PASSIVE_ADDRESS_MISMATCH,
                    "PASV reply names " + numbers[0] + "." + numbers[1] + "." + numbers[2] + "." + numbers[3]
                            + ", not the control connection's peer " + controlPeer.getHostAddress());
        }
        return port;
    }

    private static ReplyFormatException malformed(String detail) {
        return new ReplyFormatException(Reason.MALFORMED_PASSIVE_REPLY, detail);
    }
}
