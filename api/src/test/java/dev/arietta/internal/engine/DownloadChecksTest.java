package dev.arietta.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.FollowMode;
import dev.arietta.Options;
import dev.arietta.core.ErrorCode;
import dev.arietta.core.internal.hash.HashAlgorithm;
import dev.arietta.core.internal.hash.PieceHashes;
import dev.arietta.http.internal.transfer.FetchFailure;
import dev.arietta.http.internal.transfer.FetchResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The per-run checks of a download, without a transfer behind them. */
class DownloadChecksTest {

    private static final int PIECE = 1024;

    private static MetalinkTarget target(long size) {
        int pieces = (int) ((size + PIECE - 1) / PIECE);
        return new MetalinkTarget(1, "dir/f.bin", size, null, new PieceHashes(HashAlgorithm.SHA_1, new byte[20 * pieces]),
                PIECE, null, List.of(), List.of());
    }

    private static DownloadChecks checks(MetalinkTarget target) {
        return new DownloadChecks(target, Options.empty(), LoggerFactory.getLogger(DownloadChecksTest.class), "gid");
    }

    private static FetchResponse answer(long length, String contentType, List<String> links) {
        return new FetchResponse(URI.create("http://a/f"), length, true, Optional.empty(),
                Optional.ofNullable(contentType), links, List.of());
    }

    @Test
    void withPieceHashesTheFirstRequestsBytesNeverOverwriteAPieceAlreadyOnDisk() {
        DownloadChecks checks = checks(target(4 * PIECE));
        checks.firstResponse(answer(4 * PIECE, null, List.of()), "f.bin", Options.empty(), Runnable::run, Runnable::run,
                new DiskFile(), null, LoggerFactory.getLogger(DownloadChecksTest.class), "gid");
        List<long[]> done = List.of(new long[] {0, 2 * PIECE});
        assertTrue(checks.keepsOnDisk(done, 0, PIECE));
        assertTrue(checks.keepsOnDisk(done, PIECE + 10, 100));
        assertFalse(checks.keepsOnDisk(done, 2 * PIECE - 10, 20), "straddling bytes are written");
        assertFalse(checks.keepsOnDisk(List.of(), 0, PIECE));
        DownloadChecks plain = checks(null);
        assertFalse(plain.keepsOnDisk(done, 0, PIECE), "without piece hashes the first request's bytes are written");
    }

    @Test
    void aMetalinkFileRefusesAnswersOfAnotherSize() {
        DownloadChecks checks = checks(target(3000));
        FetchFailure refused = checks.checkResponse(URI.create("http://b/f"), answer(3001, null, List.of()), uri -> { });
        assertEquals(ErrorCode.UNKNOWN, refused.code());
        assertEquals(FetchFailure.Kind.FATAL, refused.kind());
        assertEquals("size mismatch: the Metalink says 3000 bytes, b sends 3001", refused.message());
        assertNull(checks.checkResponse(URI.create("http://b/f"), answer(3000, null, List.of()), uri -> { }));
        assertNull(checks.checkResponse(URI.create("http://b/f"), answer(-1, null, List.of()), uri -> { }),
                "an unknown length is not a mismatch");
    }

    @Test
    void onlyHttpHttpsAndFtpLinkMirrorsJoinAndOnlyFromTheFirstAnswerWithLinks() {
        DownloadChecks checks = checks(null);
        List<URI> added = new ArrayList<>();
        checks.checkResponse(URI.create("http://a/f"), answer(10, null, List.of(
                "<ftp://m1/f>; rel=duplicate; pri=2", "<gopher://m2/f>; rel=duplicate", "<https://m3/f>; rel=duplicate;"
                        + " pri=1")), added::add);
        checks.checkResponse(URI.create("http://a/f"), answer(10, null, List.of("<http://m4/f>; rel=duplicate")),
                added::add);
        assertEquals(List.of(URI.create("https://m3/f"), URI.create("ftp://m1/f")), added);
    }

    @Test
    void aMetalinkIsRecognizedByItsNameOrMediaTypeAndFollowedAsTheOptionSays() {
        DownloadChecks checks = checks(null);
        checks.firstResponse(answer(10, "application/metalink+xml; charset=utf-8", List.of()), "list",
                Options.of("follow-metalink", "mem"), Runnable::run, Runnable::run, new DiskFile(), null,
                LoggerFactory.getLogger(DownloadChecksTest.class), "gid");
        assertEquals(FollowMode.MEM, checks.follow());
        assertEquals(URI.create("http://a/f"), checks.answeredFrom());
        assertTrue(DownloadChecks.isMetalink("x.METALINK", Optional.empty()));
        assertTrue(DownloadChecks.isMetalink("x", Optional.of("Application/Metalink4+XML")));
        assertFalse(DownloadChecks.isMetalink("x.meta4.txt", Optional.of("text/plain")));
    }
}
