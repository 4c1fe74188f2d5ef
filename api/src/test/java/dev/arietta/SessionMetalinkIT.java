package dev.arietta;

import static dev.arietta.MetalinkFixtures.corrupted;
import static dev.arietta.MetalinkFixtures.document;
import static dev.arietta.MetalinkFixtures.file;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A multi-file Metalink downloaded from a real nginx (HTTP) and a real vsftpd (FTP) mirror, the
 * nginx one serving a corrupted chunk of one file: every file ends correct, the bad chunk is
 * fetched again over FTP, and nginx is dropped for that file while it keeps serving the other.
 */
class SessionMetalinkIT {

    private static final int PIECE = 256 * 1024;

    @TempDir
    static Path directory;
    private static Mirrors mirrors;
    private static byte[] alpha;
    private static byte[] beta;

    @BeforeAll
    static void startServers() throws Exception {
        alpha = TestFiles.random(3 * TestFiles.MIB + 4321, 81);
        beta = TestFiles.random(TestFiles.MIB + 777, 82);
        Path good = Files.createDirectories(directory.resolve("good"));
        Files.write(good.resolve("alpha.bin"), alpha);
        Files.write(good.resolve("beta.bin"), beta);
        Path damaged = Files.createDirectories(directory.resolve("damaged"));
        Files.write(damaged.resolve("alpha.bin"), corrupted(alpha, PIECE, 0));
        Files.write(damaged.resolve("beta.bin"), beta);
        // Rate-limited so that, were it not dropped, nginx would still be serving its share of alpha.
        mirrors = Mirrors.start(directory, damaged, "limit_rate 512k;", good);
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (mirrors != null) {
            mirrors.close();
        }
    }

    private static long nginxBytes(String path) throws Exception {
        return mirrors.nginx.accessLog().stream().filter(line -> line.contains("GET " + path + " "))
                .mapToLong(line -> Long.parseLong(line.split(" ")[5])).sum();
    }

    @Test
    void aCorruptedChunkIsFetchedAgainFromTheOtherMirrorAndItsMirrorDropped() throws Exception {
        byte[] metalink = document(file("alpha.bin", alpha, PIECE, mirrors.http("/alpha.bin"), mirrors.ftp("/alpha.bin")).build(),
                file("beta.bin", beta, PIECE, mirrors.http("/beta.bin"), mirrors.ftp("/beta.bin")).build());
        Path target = directory.resolve("out");
        try (Session session = Session.builder().directory(target).build()) {
            // Both mirrors are on 127.0.0.1: one protocol per host (aria2's default) would keep only HTTP.
            List<DownloadHandle> handles = session.addMetalink(metalink, Options.of("split", "2",
                    "min-split-size", "1M", "uri-selector", "inorder", "no-netrc", "true",
                    "metalink-enable-unique-protocol", "false"));
            assertEquals(2, handles.size());
            for (DownloadHandle handle : handles) {
                DownloadResult result = handle.completion().get(120, TimeUnit.SECONDS);
                assertTrue(result.isSuccess(), result.toString());
            }
        }
        assertArrayEquals(alpha, Files.readAllBytes(target.resolve("alpha.bin")));
        assertArrayEquals(beta, Files.readAllBytes(target.resolve("beta.bin")));

        List<String> log = mirrors.nginx.accessLog();
        assertTrue(log.stream().anyMatch(line -> line.contains("GET /alpha.bin ") && line.contains("\"bytes=0-"
                + (PIECE - 1) + "\"")), "nginx sent alpha's first piece, the corrupted one: " + log);
        long alphaOverFtp = mirrors.vsftpd.downloadedBytes("/alpha.bin").stream().mapToLong(Long::longValue).sum();
        assertTrue(alphaOverFtp >= alpha.length - PIECE, "after its bad piece, alpha came over FTP: " + alphaOverFtp);
        assertTrue(nginxBytes("/alpha.bin") < TestFiles.MIB, "nginx was dropped for alpha: it sent "
                + nginxBytes("/alpha.bin") + " bytes of it");
        assertTrue(nginxBytes("/beta.bin") > 0, "nginx still served beta, whose copy is good");
    }
}
