package dev.arietta.ftp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.ftp.FtpException;
import dev.arietta.ftp.FtpException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The blocking driver against the in-JVM fake server: transfers, reuse, and hostile replies. */
class FtpSessionTest {
    private static final byte[] CONTENT = randomBytes(3 * 1024 * 1024 + 17);
    private static final FtpCredentials ANONYMOUS =
            new FtpCredentials(FtpCredentials.ANONYMOUS_USER, FtpCredentials.ANONYMOUS_PASSWORD, null);
    private static final FtpSessionOptions OPTIONS = new FtpSessionOptions(5000, 5000, false,
            PassiveAddressPolicy.REJECT_MISMATCH, FtpLimits.DEFAULTS);

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    private static FtpUrl url(FakeFtpServer server, String path) throws FtpException {
        return FtpUrl.parse(URI.create("ftp://127.0.0.1:" + server.port() + path));
    }

    static byte[] readAll(FtpTransfer transfer) throws FtpException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int count;
        while ((count = transfer.read(buffer, 0, buffer.length)) >= 0) {
            out.write(buffer, 0, count);
        }
        return out.toByteArray();
    }

    static byte[] readExactly(FtpTransfer transfer, int length) throws FtpException {
        byte[] result = new byte[length];
        int filled = 0;
        while (filled < length) {
            int count = transfer.read(result, filled, length - filled);
            if (count < 0) {
                throw new AssertionError("transfer ended after " + filled + " of " + length + " bytes");
            }
            filled += count;
        }
        return result;
    }

    @Test
    void retrievesWholeFileWithSizeAndTime() throws Exception {
        try (FakeFtpServer server = new FakeFtpServer(CONTENT);
             FtpSession session = FtpSession.open(url(server, "/pub/file.bin"), ANONYMOUS, OPTIONS)) {
            FtpTransfer transfer = session.retrieve(url(server, "/pub/file.bin"), 0, true, true);
            assertEquals(OptionalLong.of(CONTENT.length), transfer.size());
            assertEquals(Optional.of(Instant.parse("2024-01-31T23:59:59Z")), transfer.lastModified());
            assertArrayEquals(CONTENT, readAll(transfer));
            assertTrue(session.isUsable());
            assertEquals(List.of("USER anonymous", "PASS arietta@", "FEAT", "PWD", "TYPE I", "CWD pub",
                    "SIZE file.bin", "MDTM file.bin", "EPSV", "RETR file.bin"), server.commands());
        }
    }

    @Test
    void rangeAbortedThenSessionReusedForNextSegment() throws Exception {
        try (FakeFtpServer server = new FakeFtpServer(CONTENT)) {
            FtpUrl url = url(server, "/pub/file.bin");
            try (FtpSession session = FtpSession.open(url, ANONYMOUS, OPTIONS)) {
                FtpTransfer first = session.retrieve(url, 1000, true, false);
                assertArrayEquals(Arrays.copyOfRange(CONTENT, 1000, 6000), readExactly(first, 5000));
                first.abort();
                assertTrue(session.isReusableFor(url));

                FtpTransfer second = session.retrieve(url, 2_000_000, false, false);
                assertArrayEquals(Arrays.copyOfRange(CONTENT, 2_000_000, CONTENT.length), readAll(second));
                assertTrue(session.isUsable());
            }
            List<String> commands = server.commands();
            assertEquals(1, commands.stream().filter(c -> c.startsWith("USER")).count());
            assertEquals(1, commands.stream().filter(c -> c.startsWith("CWD")).count());
            assertEquals(1, commands.stream().filter(c -> c.startsWith("TYPE")).count());
            assertTrue(commands.containsAll(List.of("REST 1000", "ABOR", "NOOP", "REST 2000000", "QUIT")), commands.toString());
        }
    }

    @Test
    void activeModeWithEprt() throws Exception {
        try (FakeFtpServer server = new FakeFtpServer(CONTENT);
             FtpSession session = FtpSession.open(url(server, "/f.bin"), ANONYMOUS, OPTIONS.withActiveMode(true))) {
            FtpTransfer transfer = session.retrieve(url(server, "/f.bin"), 3, false, false);
            assertArrayEquals(Arrays.copyOfRange(CONTENT, 3, CONTENT.length), readAll(transfer));
            assertTrue(server.commands().stream().anyMatch(c -> c.startsWith("EPRT |1|127.0.0.1|")), server.commands().toString());
        }
    }

    @Test
    void ipv6UsesEpsv() throws Exception {
        InetAddress loopback6 = InetAddress.getByName("::1");
        try (FakeFtpServer server = new FakeFtpServer(CONTENT, loopback6)) {
            FtpUrl url = FtpUrl.parse(URI.create("ftp://[::1]:" + server.port() + "/f.bin"));
            try (FtpSession session = FtpSession.open(url, ANONYMOUS, OPTIONS)) {
                assertArrayEquals(CONTENT, readAll(session.retrieve(url, 0, false, false)));
                assertTrue(session.isUsable());
            }
            try (FtpSession session = FtpSession.open(url, ANONYMOUS, OPTIONS.withActiveMode(true))) {
                assertArrayEquals(CONTENT, readAll(session.retrieve(url, 0, false, false)));
            }
            assertTrue(server.commands().stream().anyMatch(c -> c.startsWith("EPRT |2|")), server.commands().toString());
        }
    }

    @Test
    void queryReportsSizeAndTime() throws Exception {
        try (FakeFtpServer server = new FakeFtpServer(CONTENT);
             FtpSession session = FtpSession.open(url(server, "/a/b/f.bin"), ANONYMOUS, OPTIONS)) {
            FtpEvent.FileInfo info = session.query(url(server, "/a/b/f.bin"));
            assertEquals(OptionalLong.of(CONTENT.length), info.size());
            assertTrue(session.isUsable());
        }
    }

    @Test
    void closeAbortsUnfinishedTransfer() throws Exception {
        try (FakeFtpServer server = new FakeFtpServer(CONTENT)) {
            FtpSession session = FtpSession.open(url(server, "/f.bin"), ANONYMOUS, OPTIONS);
            FtpTransfer transfer = session.retrieve(url(server, "/f.bin"), 0, false, false);
            readExactly(transfer, 10);
            transfer.close();
            assertTrue(session.isUsable());
            session.close();
            assertFalse(session.isUsable());
        }
    }

    static Stream<Arguments> hostileServers() throws IOException {
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

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("hostileServers")
    void hostileServerGivesExactError(String name, ServerSetup setup, Reason reason, boolean usableAfter)
            throws Exception {
        try (FakeFtpServer server = new FakeFtpServer(CONTENT)) {
            setup.apply(server);
            FtpUrl url = url(server, "/dir/file.bin");
            FtpSession[] opened = new FtpSession[1];
            FtpException failure = assertThrows(FtpException.class, () -> {
                opened[0] = FtpSession.open(url, ANONYMOUS, new FtpSessionOptions(5000, 5000, false,
                        PassiveAddressPolicy.REJECT_MISMATCH, new FtpLimits(1024, 64)));
                FtpTransfer transfer = opened[0].retrieve(url, 100, true, false);
                readAll(transfer);
                FtpTransfer next = opened[0].retrieve(url, 0, false, false);
                readAll(next);
            });
            assertEquals(reason, failure.reason(), failure.getMessage());
            assertEquals(url.masked(), failure.url());
            if (opened[0] != null) {
                assertEquals(usableAfter, opened[0].isUsable(), "usable after " + name);
                opened[0].close();
            }
        }
    }

    @Test
    void silentServerTimesOut() throws Exception {
        try (FakeFtpServer server = new FakeFtpServer(CONTENT)) {
            server.on("FEAT", (c, a) -> { });
            FtpException failure = assertThrows(FtpException.class, () -> FtpSession.open(url(server, "/f"), ANONYMOUS,
                    new FtpSessionOptions(5000, 200, false, PassiveAddressPolicy.REJECT_MISMATCH, FtpLimits.DEFAULTS)));
            assertEquals(Reason.TIMEOUT, failure.reason());
        }
    }

    @Test
    void unresolvableHost() {
        FtpException failure = assertThrows(FtpException.class, () -> FtpSession.open(
                FtpUrl.parse(URI.create("ftp://no-such-host.invalid/f")), ANONYMOUS, OPTIONS));
        assertEquals(Reason.NAME_RESOLUTION_FAILED, failure.reason());
    }

    @Test
    void refusedConnection() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        FtpException failure = assertThrows(FtpException.class, () -> FtpSession.open(
                FtpUrl.parse(URI.create("ftp://127.0.0.1:" + port + "/f")), ANONYMOUS, OPTIONS));
        assertEquals(Reason.CONNECTION_FAILED, failure.reason());
    }
}
