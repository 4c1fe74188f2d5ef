package dev.arietta.ftp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.ftp.FtpException;
import dev.arietta.ftp.FtpException.Reason;
import dev.arietta.http.internal.netrc.Netrc;
import dev.arietta.http.internal.netrc.NetrcLimits;
import dev.arietta.http.internal.netrc.NetrcParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FTP protocol core and its blocking driver against a real vsftpd on loopback. */
class VsftpdIT {
    private static final Instant MODIFIED = VsftpdTree.MODIFIED;
    private static final FtpSessionOptions OPTIONS = new FtpSessionOptions(10_000, 10_000, false,
            PassiveAddressPolicy.REJECT_MISMATCH, FtpLimits.DEFAULTS);
    private static final int BIG_SIZE = VsftpdTree.BIG_SIZE;

    @TempDir
    static Path directory;

    private static byte[] big;
    private static byte[] small;
    private static byte[] nested;
    private static VsftpdServer server;

    @BeforeAll
    static void startServer() throws Exception {
        VsftpdServer.requireInstalled();
        VsftpdTree tree = VsftpdTree.create(directory);
        big = tree.big();
        small = tree.small();
        nested = tree.nested();
        server = VsftpdServer.start(tree.root(), Files.createDirectories(directory.resolve("work")),
                InetAddress.getByName("127.0.0.1"));
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    private static FtpUrl url(String path) throws FtpException {
        return FtpUrl.parse(URI.create("ftp://127.0.0.1:" + server.port() + path));
    }

    private static FtpSession anonymous(String path, FtpSessionOptions options) throws FtpException {
        FtpUrl url = url(path);
        return FtpSession.open(url, FtpCredentials.resolve(url, Netrc.empty(), FtpCredentials.ANONYMOUS_USER,
                FtpCredentials.ANONYMOUS_PASSWORD), options);
    }

    @Test
    void anonymousLoginRetrievesWholeFile() throws Exception {
        try (FtpSession session = anonymous("/big.bin", OPTIONS)) {
            assertTrue(session.features().containsAll(java.util.Set.of("EPSV", "SIZE", "MDTM", "UTF8")),
                    session.features().toString());
            assertTrue(session.utf8());
            FtpTransfer transfer = session.retrieve(url("/big.bin"), 0, true, true);
            assertArrayEquals(big, FtpSessionTest.readAll(transfer));
            assertTrue(session.isUsable());
        }
    }

    @Test
    void sizeAndModificationTime() throws Exception {
        try (FtpSession session = anonymous("/big.bin", OPTIONS)) {
            FtpEvent.FileInfo info = session.query(url("/big.bin"));
            assertEquals(OptionalLong.of(BIG_SIZE), info.size());
            assertEquals(Optional.of(MODIFIED), info.lastModified());
        }
    }

    @Test
    void passiveWithEpsvAndWithPasv() throws Exception {
        for (boolean extended : new boolean[] {true, false}) {
            try (FtpSession session = anonymous("/dir/sub/nested.bin", OPTIONS.withExtendedPassive(extended))) {
                FtpTransfer transfer = session.retrieve(url("/dir/sub/nested.bin"), 0, true, false);
                assertArrayEquals(nested, FtpSessionTest.readAll(transfer), "extended passive " + extended);
            }
        }
    }

    @Test
    void activeModeWithEprt() throws Exception {
        try (FtpSession session = anonymous("/big.bin", OPTIONS.withActiveMode(true))) {
            FtpTransfer transfer = session.retrieve(url("/big.bin"), 5_000_000, false, false);
            assertArrayEquals(Arrays.copyOfRange(big, 5_000_000, 5_300_000), FtpSessionTest.readExactly(transfer, 300_000));
            transfer.abort();
            assertArrayEquals(small, FtpSessionTest.readAll(session.retrieve(url("/small.txt"), 0, false, false)));
        }
    }

    @Test
    void restRangeGivesExactBytes() throws Exception {
        try (FtpSession session = anonymous("/big.bin", OPTIONS)) {
            FtpTransfer transfer = session.retrieve(url("/big.bin"), 12_345_678, false, false);
            assertEquals(12_345_678, transfer.offset());
            assertArrayEquals(Arrays.copyOfRange(big, 12_345_678, 13_345_678),
                    FtpSessionTest.readExactly(transfer, 1_000_000));
            transfer.abort();
            assertTrue(session.isUsable());
        }
    }

    @Test
    void reusesConnectionForTwoSegments() throws Exception {
        int split = 7 * 1024 * 1024;
        try (FtpSession session = anonymous("/big.bin", OPTIONS)) {
            FtpTransfer first = session.retrieve(url("/big.bin"), 0, true, true);
            byte[] head = FtpSessionTest.readExactly(first, split);
            first.abort();
            assertTrue(session.isReusableFor(url("/big.bin")));
            FtpTransfer second = session.retrieve(url("/big.bin"), split, false, false);
            byte[] tail = FtpSessionTest.readAll(second);
            byte[] whole = new byte[head.length + tail.length];
            System.arraycopy(head, 0, whole, 0, head.length);
            System.arraycopy(tail, 0, whole, head.length, tail.length);
            assertArrayEquals(big, whole);
        }
    }

    @Test
    void abortMidTransferThenReuse() throws Exception {
        try (FtpSession session = anonymous("/big.bin", OPTIONS)) {
            FtpTransfer transfer = session.retrieve(url("/big.bin"), 0, false, false);
            assertArrayEquals(Arrays.copyOf(big, 65_536), FtpSessionTest.readExactly(transfer, 65_536));
            transfer.abort();
            assertTrue(session.isUsable());
            assertEquals(OptionalLong.of(small.length), session.query(url("/small.txt")).size());
            assertArrayEquals(nested, FtpSessionTest.readAll(session.retrieve(url("/dir/sub/nested.bin"), 0, false, false)));
            assertArrayEquals(small, FtpSessionTest.readAll(session.retrieve(url("/small.txt"), 0, false, false)));
        }
    }

    @Test
    void utf8FileName() throws Exception {
        try (FtpSession session = anonymous("/caf%C3%A9.txt", OPTIONS)) {
            assertArrayEquals(small, FtpSessionTest.readAll(session.retrieve(url("/caf%C3%A9.txt"), 0, true, false)));
        }
    }

    @Test
    void missingFileAndDirectoryAreNotFound() throws Exception {
        try (FtpSession session = anonymous("/small.txt", OPTIONS)) {
            FtpException noFile = assertThrows(FtpException.class, () -> session.query(url("/nope.bin")));
            assertEquals(Reason.FILE_NOT_FOUND, noFile.reason());
            assertEquals(550, noFile.replyCode());
            FtpException noDirectory = assertThrows(FtpException.class,
                    () -> session.retrieve(url("/no/such/file.bin"), 0, false, false));
            assertEquals(Reason.FILE_NOT_FOUND, noDirectory.reason());
            assertEquals("CWD no", noDirectory.command());
            FtpException retrieveMissing = assertThrows(FtpException.class,
                    () -> session.retrieve(url("/dir/missing.bin"), 0, false, false));
            assertEquals(Reason.FILE_NOT_FOUND, retrieveMissing.reason());
            assertEquals("RETR missing.bin", retrieveMissing.command());
            assertTrue(session.isUsable());
            assertArrayEquals(small, FtpSessionTest.readAll(session.retrieve(url("/small.txt"), 0, false, false)));
        }
    }

    @Test
    void userLoginWithNetrcAndWithUrlCredentials() throws Exception {
        try (LocalFtpUser user = LocalFtpUser.ensure()) {
            FtpUrl url = url("/dir/sub/nested.bin");
            Netrc netrc = NetrcParser.parse("machine 127.0.0.1 login " + LocalFtpUser.NAME + " password "
                    + LocalFtpUser.PASSWORD + "\n", "netrc", NetrcLimits.DEFAULTS);
            FtpCredentials fromNetrc = FtpCredentials.resolve(url, netrc, "anonymous", "arietta@");
            assertEquals(LocalFtpUser.NAME, fromNetrc.user());
            try (FtpSession session = FtpSession.open(url, fromNetrc, OPTIONS)) {
                assertArrayEquals(nested, FtpSessionTest.readAll(session.retrieve(url, 0, true, false)));
            }

            FtpUrl wrong = FtpUrl.parse(URI.create("ftp://" + LocalFtpUser.NAME + ":wrong-password@127.0.0.1:"
                    + server.port() + "/small.txt"));
            FtpException refused = assertThrows(FtpException.class, () -> FtpSession.open(wrong,
                    FtpCredentials.resolve(wrong, Netrc.empty(), "anonymous", "arietta@"), OPTIONS));
            assertEquals(Reason.LOGIN_FAILED, refused.reason());
            assertEquals(530, refused.replyCode());
            assertEquals("PASS ***", refused.command());
            assertFalse(refused.getMessage().contains("wrong-password"), refused.getMessage());
        }
    }

    @Test
    void ipv6Loopback() throws Exception {
        InetAddress loopback6 = InetAddress.getByName("::1");
        try (ServerSocket probe = new ServerSocket(0, 1, loopback6)) {
            Assumptions.assumeTrue(probe.isBound());
        } catch (IOException noIpv6) {
            Assumptions.abort("no IPv6 loopback: " + noIpv6.getMessage());
        }
        Path root = directory.resolve("root");
        try (VsftpdServer server6 = VsftpdServer.start(root, Files.createDirectories(directory.resolve("work6")),
                loopback6)) {
            FtpUrl url = FtpUrl.parse(URI.create("ftp://[::1]:" + server6.port() + "/big.bin"));
            FtpCredentials credentials = FtpCredentials.resolve(url, Netrc.empty(), "anonymous", "arietta@");
            for (boolean active : new boolean[] {false, true}) {
                try (FtpSession session = FtpSession.open(url, credentials, OPTIONS.withActiveMode(active))) {
                    FtpTransfer transfer = session.retrieve(url, 1_000_000, true, false);
                    assertArrayEquals(Arrays.copyOfRange(big, 1_000_000, 1_100_000),
                            FtpSessionTest.readExactly(transfer, 100_000), "active " + active);
                    transfer.abort();
                }
            }
        }
    }
}
