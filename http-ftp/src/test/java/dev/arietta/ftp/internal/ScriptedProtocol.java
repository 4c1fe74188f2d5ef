package dev.arietta.ftp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.ftp.FtpException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives an {@link FtpProtocol} from a script of lines: {@code "< 220 hi"} feeds a reply line
 * (CR LF added), {@code "> USER x"} asserts the next command written.
 */
final class ScriptedProtocol {
    static final String URL = "ftp://user:***@ftp.example.com/pub/file.bin";

    final FtpProtocol protocol;
    private final StringBuilder written = new StringBuilder();
    final List<FtpEvent> events = new ArrayList<>();

    ScriptedProtocol(String peer, FtpCredentials credentials, FtpLimits limits, PassiveAddressPolicy policy) {
        this.protocol = new FtpProtocol(URL, address(peer), credentials, limits, policy);
    }

    ScriptedProtocol() {
        this("192.0.2.10", new FtpCredentials("user", "secret", null), FtpLimits.DEFAULTS,
                PassiveAddressPolicy.REJECT_MISMATCH);
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }

    /** Runs script lines; returns this for chaining. */
    ScriptedProtocol run(String... lines) throws FtpException {
        for (String line : lines) {
            if (line.startsWith("< ")) {
                feed(line.substring(2) + "\r\n");
            } else if (line.startsWith("> ")) {
                expectCommand(line.substring(2));
            } else {
                throw new IllegalArgumentException("script line must start with '< ' or '> ': " + line);
            }
        }
        return this;
    }

    void feed(String text) throws FtpException {
        protocol.receive(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)));
        drainEvents();
    }

    void expectCommand(String command) {
        collectOutput();
        String expected = command + "\r\n";
        assertTrue(written.toString().startsWith(expected),
                "expected command [" + command + "] but output was [" + written + "]");
        written.delete(0, expected.length());
    }

    /** Asserts nothing more was written. */
    void expectNoOutput() {
        collectOutput();
        assertEquals("", written.toString());
    }

    void drainEvents() {
        FtpEvent event;
        while ((event = protocol.nextEvent()) != null) {
            events.add(event);
        }
    }

    /** Removes and returns the events seen so far. */
    List<FtpEvent> takeEvents() {
        drainEvents();
        List<FtpEvent> taken = new ArrayList<>(events);
        events.clear();
        return taken;
    }

    private void collectOutput() {
        ByteBuffer output = protocol.takeOutput();
        if (output != null) {
            written.append(StandardCharsets.ISO_8859_1.decode(output));
        }
    }

    /** The standard login up to LoggedIn, with a FEAT list offering UTF8 and EPSV. */
    ScriptedProtocol login() throws FtpException {
        run("< 220 ready", "> USER user", "< 331 password please", "> PASS secret", "< 230 ok",
                "> FEAT", "< 211-Features:", "<  UTF8", "<  EPSV", "<  SIZE", "< 211 End",
                "> OPTS UTF8 ON", "< 200 ok", "> PWD", "< 257 \"/home/user\" is cwd",
                "> TYPE I", "< 200 binary");
        List<FtpEvent> loggedIn = takeEvents();
        assertEquals(1, loggedIn.size());
        assertTrue(loggedIn.get(0) instanceof FtpEvent.LoggedIn);
        return this;
    }
}
