package dev.arietta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.ErrorCode;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Session-wide socket options: disable-ipv6. (socket-recv-buffer-size is proven where the socket
 * is made, in the connector's tests, and its wiring in FtpClientsTest.)
 */
class SessionNetworkOptionsTest {

    @TempDir
    Path directory;
    private final byte[] content = TestFiles.random(40_000, 21);

    private DownloadResult download(Options sessionOptions, String url) throws Exception {
        try (Session session = Session.builder().directory(directory).options(sessionOptions).build()) {
            return session.addUri(List.of(url), Options.of("max-tries", "1")).completion().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void disableIpv6NeverConnectsOverIpv6() throws Exception {
        try (FakeHttpServer v6 = FakeHttpServer.start(InetAddress.getByName("::1")).serve("/f.bin", content)) {
            String url = v6.url("/f.bin");
            assertTrue(url.startsWith("http://[0:0:0:0:0:0:0:1]:"), url);

            DownloadResult refused = download(Options.of("disable-ipv6", "true"), url);
            assertEquals(ErrorCode.NAME_RESOLVE_ERROR, refused.errorCode(), refused.toString());
            assertTrue(refused.errorMessage().contains("disable-ipv6"), refused.errorMessage());
            assertEquals(0, v6.connectionCount(), "nothing connected over IPv6");

            DownloadResult allowed = download(Options.empty(), url);
            assertTrue(allowed.isSuccess(), allowed.toString());
            assertArrayEquals(content, Files.readAllBytes(directory.resolve("f.bin")));
        }
    }
}
