package dev.arietta;

import static dev.arietta.MetalinkFixtures.corrupted;
import static dev.arietta.MetalinkFixtures.document;
import static dev.arietta.MetalinkFixtures.file;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.ErrorCode;
import dev.arietta.metalink.Hash;
import dev.arietta.metalink.HashType;
import dev.arietta.metalink.MetalinkException;
import dev.arietta.metalink.MetalinkUrl;
import dev.arietta.metalink.Metaurl;
import dev.arietta.metalink.Signature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metalink downloads through a session against in-JVM mirrors: selection, piece and whole-file checks, signatures. */
class SessionMetalinkTest {

    static final int PIECE = 256 * 1024;

    @TempDir
    Path directory;
    private FakeHttpServer good;
    private FakeHttpServer bad;
    private Session session;

    @BeforeEach
    void setUp() throws Exception {
        good = FakeHttpServer.start();
        bad = FakeHttpServer.start();
        session = Session.builder().directory(directory).option("file-allocation", "none").build();
    }

    @AfterEach
    void tearDown() throws Exception {
        session.close();
        good.close();
        bad.close();
    }

    static DownloadResult await(DownloadHandle handle) throws Exception {
        return handle.completion().get(60, TimeUnit.SECONDS);
    }

    @Test
    void everyFileDownloadsUnderItsMetalinkNameWithThePieceGeometryOfTheMetalink() throws Exception {
        byte[] first = TestFiles.random(2 * TestFiles.MIB + 1000, 1);
        byte[] second = TestFiles.random(700_000, 2);
        good.serve("/a.bin", first).serve("/b.bin", second);
        byte[] metalink = document(file("a.bin", first, PIECE, good.url("/a.bin")).build(),
                file("sub/b.bin", second, PIECE, good.url("/b.bin")).build());

        List<DownloadHandle> handles = session.addMetalink(metalink, Options.of("out", "ignored.bin"));

        assertEquals(2, handles.size());
        for (DownloadHandle handle : handles) {
            DownloadResult result = await(handle);
            assertTrue(result.isSuccess(), result.toString());
        }
        assertArrayEquals(first, Files.readAllBytes(directory.resolve("a.bin")));
        assertArrayEquals(second, Files.readAllBytes(directory.resolve("sub/b.bin")));
        DownloadStatus status = handles.get(0).status();
        assertEquals(PIECE, status.pieceLength());
        assertEquals(9, status.numPieces());
        assertEquals("ff80", status.bitfield(), "every piece verified");
        assertTrue(good.requestLines().stream().anyMatch(line -> line.endsWith("bytes=0-" + (PIECE - 1))),
                "the first request asks for the first Metalink piece: " + good.requestLines());
    }

    @Test
    void aBadPieceIsFetchedAgainFromAnotherMirrorAndItsMirrorIsDropped() throws Exception {
        byte[] content = TestFiles.random(2 * TestFiles.MIB, 3);
        bad.serve("/f.bin", new FakeHttpServer.Resource(corrupted(content, PIECE, 0), null,
                index -> FakeHttpServer.Effect.NORMAL, 0, 1024 * 1024));
        good.serve("/f.bin", content);
        byte[] metalink = document(file("f.bin", content, PIECE, bad.url("/f.bin"), good.url("/f.bin")).build());

        DownloadHandle handle = session.addMetalink(metalink, Options.of("split", "1", "uri-selector", "inorder"))
                .get(0);

        DownloadResult result = await(handle);
        assertTrue(result.isSuccess(), result.toString());
        assertArrayEquals(content, Files.readAllBytes(directory.resolve("f.bin")));
        assertTrue(bad.requestLines().get(0).endsWith("bytes=0-" + (PIECE - 1)), "the first piece came from the"
                + " bad mirror: " + bad.requestLines());
        assertTrue(good.requestLines().stream().anyMatch(line -> line.contains("bytes=0-")),
                "piece 0 fetched again from the good mirror: " + good.requestLines());
        assertTrue(bad.bodyBytesSent() < content.length / 2, "the bad mirror was dropped after its bad piece: it"
                + " sent " + bad.bodyBytesSent() + " bytes");
    }

    @Test
    void piecesFailingOnEveryMirrorEndWithTheChecksumError() throws Exception {
        byte[] content = TestFiles.random(TestFiles.MIB, 4);
        bad.serve("/f.bin", corrupted(content, PIECE, 2));
        byte[] metalink = document(file("f.bin", content, PIECE, bad.url("/f.bin")).build());

        DownloadResult result = await(session.addMetalink(metalink, Options.empty()).get(0));

        assertEquals(ErrorCode.CHECKSUM_ERROR, result.errorCode(), result.toString());
        assertTrue(result.errorMessage().contains("piece 2 (bytes 524288-786431) failed its sha-256 check"),
                result.errorMessage());
    }

    @Test
    void aWholeFileHashMismatchFailsWithErrorCode32() throws Exception {
        byte[] content = TestFiles.random(600_000, 5);
        byte[] described = TestFiles.random(600_000, 6);
        good.serve("/f.bin", content);
        byte[] metalink = document(file("f.bin", described, 0, good.url("/f.bin")).build());

        DownloadResult result = await(session.addMetalink(metalink, Options.empty()).get(0));

        assertEquals(ErrorCode.CHECKSUM_ERROR, result.errorCode(), result.toString());
        assertTrue(result.errorMessage().contains("sha-256 checksum mismatch"), result.errorMessage());
    }

    @Test
    void aMirrorSendingAnotherSizeIsRefused() throws Exception {
        byte[] content = TestFiles.random(300_000, 7);
        bad.serve("/f.bin", TestFiles.random(300_001, 7));
        good.serve("/f.bin", content);
        byte[] metalink = document(file("f.bin", content, 0, bad.url("/f.bin"), good.url("/f.bin")).build());

        DownloadResult result = await(session.addMetalink(metalink, Options.of("uri-selector", "inorder")).get(0));

        assertTrue(result.isSuccess(), result.toString());
        assertArrayEquals(content, Files.readAllBytes(directory.resolve("f.bin")));
        assertEquals(1, bad.requestCount("/f.bin"));
    }

    @Test
    void theSignatureIsSavedAsFileDotSigOnceComplete() throws Exception {
        byte[] content = TestFiles.random(100_000, 8);
        good.serve("/f.bin", content);
        String armored = "-----BEGIN PGP SIGNATURE-----\nabc\n-----END PGP SIGNATURE-----";
        byte[] metalink = document(file("f.bin", content, 0, good.url("/f.bin"))
                .signature(new Signature(Signature.PGP, armored)).build());

        assertTrue(await(session.addMetalink(metalink, Options.empty()).get(0)).isSuccess());

        assertEquals(armored + "\n", Files.readString(directory.resolve("f.bin.sig"), StandardCharsets.UTF_8));
    }

    @Test
    void selectFileCountsTheFilesLeftAfterTheLanguageFilter() throws Exception {
        byte[] one = TestFiles.random(1000, 9);
        byte[] two = TestFiles.random(2000, 10);
        byte[] three = TestFiles.random(3000, 11);
        good.serve("/1", one).serve("/2", two).serve("/3", three);
        byte[] metalink = document(file("one", one, 0, good.url("/1")).addLanguage("en").build(),
                file("french", two, 0, good.url("/2")).addLanguage("fr").build(),
                file("two", two, 0, good.url("/2")).addLanguage("en").build(),
                file("three", three, 0, good.url("/3")).addLanguage("en").build());

        List<DownloadHandle> handles = session.addMetalink(metalink, Options.of("metalink-language", "en",
                "select-file", "1,3"));

        assertEquals(2, handles.size());
        for (DownloadHandle handle : handles) {
            assertTrue(await(handle).isSuccess());
        }
        assertArrayEquals(one, Files.readAllBytes(directory.resolve("one")));
        assertArrayEquals(three, Files.readAllBytes(directory.resolve("three")));
        assertFalse(Files.exists(directory.resolve("two")));
        assertFalse(Files.exists(directory.resolve("french")));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> session.addMetalink(metalink, Options.of("select-file", "9")));
        assertEquals("no file of the Metalink to download: 4 of 4 left after metalink-language, metalink-os and"
                + " metalink-version, none of them selected by select-file=9", none.getMessage());
    }

    @Test
    void relativeUrlsOfALocalMetalinkResolveAgainstTheBaseUri() throws Exception {
        byte[] content = TestFiles.random(5000, 12);
        good.serve("/pub/f.bin", content);
        Path local = directory.resolve("list.meta4");
        Files.write(local, document(file("f.bin", content, 0, "f.bin").build()));

        DownloadHandle handle = session.addMetalink(local, Options.of("metalink-base-uri", good.url("/pub/"))).get(0);

        assertTrue(await(handle).isSuccess());
        assertEquals(List.of(good.url("/pub/f.bin")), handle.status().files().get(0).uris().stream()
                .map(UriStatus::uri).toList());
        DownloadResult unresolved = await(session.addMetalink(local).get(0));
        assertEquals(ErrorCode.UNKNOWN, unresolved.errorCode(), "without a base the relative URL is ignored");
    }

    @Test
    void aFileWithOnlyATorrentMetaurlWhoseTorrentIsMissingFailsAndSaysSo() throws Exception {
        byte[] metalink = document(dev.arietta.metalink.MetalinkFile.builder("swarm.iso").size(10)
                .addMetaurl(Metaurl.torrent(good.url("/swarm.torrent"))).build());

        DownloadHandle fetch = session.addMetalink(metalink, Options.empty()).get(0);
        DownloadResult fetched = await(fetch);
        assertEquals(ErrorCode.RESOURCE_NOT_FOUND, fetched.errorCode(), fetched.errorMessage());
        assertTrue(fetched.errorMessage().endsWith("; the Metalink's files download from their mirrors instead"),
                fetched.errorMessage());
        DownloadResult result = await(session.handle(fetch.status().followedBy().get(0)).orElseThrow());

        assertEquals(ErrorCode.UNKNOWN, result.errorCode());
        assertEquals("swarm.iso: only a BitTorrent metaurl describes it, and its torrent could not be had",
                result.errorMessage());
    }

    @Test
    void refusedDocumentsAndAGidAreReportedToTheCaller() {
        byte[] doctype = ("<?xml version=\"1.0\"?><!DOCTYPE metalink SYSTEM \"http://x/m.dtd\">"
                + "<metalink xmlns=\"urn:ietf:params:xml:ns:metalink\"><file name=\"x\"/></metalink>")
                .getBytes(StandardCharsets.UTF_8);
        MetalinkException refused = assertThrows(MetalinkException.class,
                () -> session.addMetalink(doctype, Options.empty()));
        assertEquals(MetalinkException.Kind.DOCTYPE_FORBIDDEN, refused.kind());
        byte[] fine = document(file("f", new byte[1], 0, good.url("/f")).build());
        assertThrows(IllegalArgumentException.class,
                () -> session.addMetalink(fine, Options.of("gid", "0123456789abcdef")));
        assertThrows(OptionException.class, () -> session.addMetalink(fine, Options.of("metalink-file", "x.meta4")));
    }

    @Test
    void mirrorsAreOrderedByLocationAndProtocolPreferences() throws Exception {
        byte[] content = TestFiles.random(1000, 13);
        good.serve("/f", content);
        byte[] metalink = document(dev.arietta.metalink.MetalinkFile.builder("f").size(content.length)
                .addHash(Hash.of(HashType.SHA_256, MetalinkFixtures.sha256(content)))
                .addUrl(MetalinkUrl.of("ftp://127.0.0.3:1/f", null, 1))
                .addUrl(MetalinkUrl.of(good.url("/f"), "jp", 50))
                .addUrl(MetalinkUrl.of("http://127.0.0.2:1/f", "us", 40)).build());

        DownloadHandle handle = session.addMetalink(metalink, Options.of("metalink-location", "jp",
                "metalink-preferred-protocol", "http", "uri-selector", "inorder")).get(0);

        assertTrue(await(handle).isSuccess());
        assertEquals(List.of(good.url("/f"), "http://127.0.0.2:1/f", "ftp://127.0.0.3:1/f"),
                handle.status().files().get(0).uris().stream().map(UriStatus::uri).toList());
    }

    @Test
    void hashCheckOnlyChecksEachPieceOfAnExistingFileAgainstTheMetalinkPieceHashes() throws Exception {
        byte[] content = TestFiles.random(3 * PIECE + 1234, 31);
        good.serve("/p.bin", content);
        byte[] metalink = document(file("p.bin", content, PIECE, good.url("/p.bin")).build());
        Options check = Options.of("check-integrity", "true", "hash-check-only", "true");
        Path file = directory.resolve("p.bin");

        Files.write(file, content);
        DownloadResult intact = await(session.addMetalink(metalink, check).get(0));
        assertTrue(intact.isSuccess(), intact.toString());
        assertEquals(content.length, intact.completedLength());

        Files.write(file, corrupted(content, PIECE, 2));
        DownloadResult bad = await(session.addMetalink(metalink, check).get(0));
        assertEquals(ErrorCode.CHECKSUM_ERROR, bad.errorCode(), bad.toString());
        assertTrue(bad.errorMessage().contains("1 of 4 pieces") && bad.errorMessage().contains("piece 2"),
                bad.errorMessage());
        assertEquals(content.length - PIECE, bad.completedLength(), "the three good pieces count");
        assertArrayEquals(corrupted(content, PIECE, 2), Files.readAllBytes(file), "nothing downloaded");

        Files.write(file, java.util.Arrays.copyOf(content, 2 * PIECE + 10));
        DownloadResult shorter = await(session.addMetalink(metalink, check).get(0));
        assertEquals(ErrorCode.IN_PROGRESS, shorter.errorCode(), shorter.toString());
        assertTrue(shorter.errorMessage().contains("2 of 4 pieces are missing"), shorter.errorMessage());
        assertEquals(2 * PIECE, shorter.completedLength());
        assertTrue(good.bodyBytesSent() <= 3L * PIECE, "at most each run's first piece was sent, and never written: "
                + good.bodyBytesSent());
    }
}
