package dev.arietta.ftp.internal;

import static dev.arietta.ftp.internal.FtpClientTest.CONTENT;

import dev.arietta.ftp.FtpException.Reason;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The hostile-server table: each entry configures {@link FakeFtpServer} to misbehave at one step
 * and names the exact {@link Reason} the client must report, and whether the control connection
 * is still sound (pooled) afterwards. Arguments: name, setup, reason, usable after.
 */
final class HostileFtpServers {
    private HostileFtpServers() {
    }

    static Stream<Arguments> all() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        return Stream.of(
            hostile("greeting 421", s -> s.greeting("421 Too many users\r\n"), Reason.SERVICE_UNAVAILABLE, false),
            hostile("greeting is not FTP", s -> s.greeting("SSH-2.0-OpenSSH_9.2\r\n"), Reason.MALFORMED_REPLY, false),
            hostile("USER 530", s -> s.reply("USER", "530 This FTP server is anonymous only.\r\n"),
                    Reason.LOGIN_FAILED, false),
            hostile("PASS 530", s -> s.reply("PASS", "530 Login incorrect.\r\n"), Reason.LOGIN_FAILED, false),
            hostile("connection closed after USER", s -> s.on("USER", (c, a) -> c.close()),
                    Reason.CONNECTION_CLOSED, false),
            hostile("endless multi-line FEAT", s -> s.on("FEAT", (c, a) -> {
                c.write("211-Features:\r\n");
                c.writeForever(" FEATURE\r\n");
            }), Reason.TOO_MANY_REPLY_LINES, false),
            hostile("huge SIZE line", s -> s.on("SIZE", (c, a) -> {
                c.write("213 ");
                c.writeForever("99999999");
            }), Reason.REPLY_LINE_TOO_LONG, false),
            hostile("PASV to a foreign address", s -> s.reply("EPSV", "500 EPSV not understood\r\n")
                    .reply("PASV", "227 Entering Passive Mode (10,1,2,3,195,80)\r\n"),
                    Reason.PASSIVE_ADDRESS_MISMATCH, false),
            hostile("malformed EPSV", s -> s.reply("EPSV", "229 Entering Extended Passive Mode (|||0|)\r\n"),
                    Reason.MALFORMED_PASSIVE_REPLY, false),
            hostile("EPSV without delimiters", s -> s.reply("EPSV", "229 Entering Extended Passive Mode 6446\r\n"),
                    Reason.MALFORMED_PASSIVE_REPLY, false),
            hostile("EPSV to a closed port", s -> s.reply("EPSV", "229 (|||" + closedPort + "|)\r\n"),
                    Reason.CONNECTION_FAILED, true),
            hostile("EPSV and PASV refused", s -> s.reply("EPSV", "500 no\r\n").reply("PASV", "500 no\r\n"),
                    Reason.COMMAND_FAILED, true),
            hostile("CWD 550", s -> s.reply("CWD", "550 Failed to change directory.\r\n"), Reason.FILE_NOT_FOUND, true),
            hostile("SIZE 550", s -> s.reply("SIZE", "550 Could not get file size.\r\n"), Reason.FILE_NOT_FOUND, true),
            hostile("SIZE not a number", s -> s.reply("SIZE", "213 big\r\n"), Reason.MALFORMED_SIZE, false),
            hostile("REST 502", s -> s.reply("REST", "502 REST not implemented\r\n"), Reason.RESUME_NOT_SUPPORTED, true),
            hostile("RETR 550", s -> s.reply("RETR", "550 Failed to open file.\r\n"), Reason.FILE_NOT_FOUND, true),
            hostile("RETR 425", s -> s.reply("RETR", "425 Failed to establish connection.\r\n"),
                    Reason.DATA_CONNECTION_FAILED, true),
            hostile("426 after partial data", s -> s.on("RETR", (c, a) -> {
                c.write("150 go\r\n");
                try (Socket data = c.openData()) {
                    data.getOutputStream().write(CONTENT, 0, 1000);
                }
                c.write("426 Connection closed; transfer aborted.\r\n");
            }), Reason.DATA_CONNECTION_FAILED, true),
            hostile("451 after partial data", s -> s.on("RETR", (c, a) -> {
                c.write("150 go\r\n");
                try (Socket data = c.openData()) {
                    data.getOutputStream().write(CONTENT, 0, 1000);
                }
                c.write("451 local read error\r\n");
            }), Reason.TRANSFER_FAILED, true),
            hostile("data shorter than SIZE", s -> s.on("SIZE", (c, a) -> c.write("213 " + (CONTENT.length + 100) + "\r\n")),
                    Reason.SHORT_TRANSFER, true),
            hostile("unsolicited reply after transfer", s -> s.on("RETR", (c, a) -> {
                c.write("150 go\r\n");
                try (Socket data = c.openData()) {
                    data.getOutputStream().write(CONTENT, 0, 10);
                }
                c.write("226 done\r\n226 and again\r\n");
            }), Reason.UNEXPECTED_REPLY, false));
    }

    static Arguments hostile(String name, ServerSetup setup, Reason reason, boolean usableAfter) {
        return Arguments.of(name, setup, reason, usableAfter);
    }

    /** Configures the fake server for one scenario. */
    @FunctionalInterface
    interface ServerSetup {
        void apply(FakeFtpServer server);
    }

}
