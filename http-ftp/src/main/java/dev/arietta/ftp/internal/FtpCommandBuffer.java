package dev.arietta.ftp.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Commands waiting to be written to the control connection, encoded as their octets
 * (see {@link FtpOctets}) with CR LF, and the last command in a form safe for error messages
 * (arguments of {@code PASS} and {@code ACCT} masked). Not thread-safe.
 */
final class FtpCommandBuffer {
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private String lastCommand;

    /** Queues {@code verb} with an optional octet-string argument. */
    void send(String verb, String argument) {
        byte[] line = FtpOctets.bytes(argument == null ? verb + "\r\n" : verb + " " + argument + "\r\n");
        pending.write(line, 0, line.length);
        boolean secret = verb.equals("PASS") || verb.equals("ACCT");
        lastCommand = argument == null ? verb : verb + " " + (secret ? "***" : FtpOctets.display(argument));
    }

    /** The last command for messages, or {@code null} before the first. */
    String lastCommand() {
        return lastCommand;
    }

    /** Makes {@code command} the one named in messages (when several were sent at once). */
    void nameLastCommand(String command) {
        lastCommand = command;
    }

    /** The queued bytes, or {@code null} when none; each call drains them. */
    ByteBuffer take() {
        if (pending.size() == 0) {
            return null;
        }
        ByteBuffer bytes = ByteBuffer.wrap(pending.toByteArray());
        pending.reset();
        return bytes;
    }
}
