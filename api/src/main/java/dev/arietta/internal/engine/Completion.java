package dev.arietta.internal.engine;

import dev.arietta.core.internal.hash.ChecksumMismatchException;
import dev.arietta.core.internal.hash.ExpectedChecksum;
import dev.arietta.core.internal.hash.WholeFileChecksum;
import dev.arietta.metalink.MetalinkDocument;
import dev.arietta.metalink.MetalinkLimits;
import dev.arietta.metalink.MetalinkParser;
import dev.arietta.metalink.Signature;
import dev.arietta.bittorrent.metainfo.TorrentLimits;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.bittorrent.metainfo.TorrentParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * The steps after a download's last byte is verified, each blocking, run on the executor its
 * description names: the whole-file check, the Metalink signature file, reading a downloaded
 * Metalink to follow it. Stateless.
 */
final class Completion {

    private Completion() {
    }

    /**
     * Hash executor: checks the whole file (on disk, or in memory) against {@code expected}.
     *
     * @throws ChecksumMismatchException if it differs (error 32)
     * @throws IOException               if the file cannot be read
     */
    static void verify(DiskFile file, ExpectedChecksum expected) throws IOException {
        byte[] memory = file.memoryContent();
        if (memory == null) {
            new WholeFileChecksum().verify(file.path(), expected);
            return;
        }
        byte[] actual = expected.algorithm().newDigest().digest(memory);
        if (!expected.matches(actual)) {
            throw new ChecksumMismatchException(Path.of("[MEMORY]"), expected, actual);
        }
    }

    /**
     * Disk executor: writes a Metalink file's signature to {@code <file>.sig}, as aria2 does: an
     * existing file of that name is left alone (logged), and a failure to write is logged,
     * not fatal, since the download itself is complete and verified.
     */
    static void saveSignature(Path file, Signature signature, Logger log, String gid) {
        Path target = file.resolveSibling(file.getFileName() + ".sig");
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            log.warn("{}: {} already exists; the Metalink's signature is not saved", gid, target);
            return;
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".sig.part");
        try {
            Files.writeString(temporary, signature.content() + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
            log.warn("{}: {} appeared meanwhile; the Metalink's signature is not saved", gid, target);
        } catch (IOException e) {
            log.warn("{}: saving the signature to {} failed: {}", gid, target, e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // Nothing left to clean up, or nothing more to do about it.
            }
        }
    }

    /**
     * Reads the downloaded Metalink (from memory, or from its file on the disk executor, at most
     * {@link MetalinkLimits#maxDocumentBytes()}) and parses it on the hash executor, then hands
     * the document, or the reason it was refused, to the matching callback (on that executor).
     */
    static void readMetalink(DiskFile file, Executor disk, Executor cpu, Consumer<MetalinkDocument> parsed,
                             Consumer<IOException> refused) {
        readFollowed(file, MetalinkLimits.DEFAULT.maxDocumentBytes(), disk, cpu,
                bytes -> parsed.accept(MetalinkParser.create().parse(bytes)), refused);
    }

    /** As {@link #readMetalink}, for a downloaded .torrent file (at most {@link TorrentLimits#maxTorrentBytes()}). */
    static void readTorrent(DiskFile file, Executor disk, Executor cpu, Consumer<TorrentMetainfo> parsed,
                            Consumer<IOException> refused) {
        readFollowed(file, TorrentLimits.DEFAULT.maxTorrentBytes(), disk, cpu,
                bytes -> parsed.accept(new TorrentParser().parse(bytes)), refused);
    }

    /** What a followed file's parser does with its bytes. */
    private interface FollowedParser {
        void parse(byte[] bytes) throws IOException;
    }

    private static void readFollowed(DiskFile file, int maxBytes, Executor disk, Executor cpu, FollowedParser parser,
                                     Consumer<IOException> refused) {
        disk.execute(() -> {
            byte[] document = file.memoryContent();
            if (document == null) {
                try (InputStream in = Files.newInputStream(file.path())) {
                    document = in.readNBytes(maxBytes + 1);
                } catch (IOException e) {
                    refused.accept(e);
                    return;
                }
            }
            byte[] bytes = document;
            cpu.execute(() -> {
                try {
                    parser.parse(bytes);
                } catch (IOException e) {
                    refused.accept(e);
                }
            });
        });
    }
}
