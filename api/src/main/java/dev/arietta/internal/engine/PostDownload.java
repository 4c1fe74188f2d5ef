package dev.arietta.internal.engine;

import dev.arietta.DownloadState;
import dev.arietta.FollowMode;
import dev.arietta.bittorrent.metainfo.TorrentException;
import dev.arietta.bittorrent.metainfo.TorrentLimits;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.bittorrent.metainfo.TorrentParser;
import dev.arietta.core.ErrorCode;
import dev.arietta.core.internal.hash.ChecksumMismatchException;
import dev.arietta.core.internal.hash.ExpectedChecksum;
import dev.arietta.core.internal.hash.WholeFileChecksum;
import dev.arietta.metalink.MetalinkDocument;
import dev.arietta.metalink.MetalinkLimits;
import dev.arietta.metalink.MetalinkParser;
import dev.arietta.metalink.Signature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * What happens to a {@link UriJob}'s file once its last byte is written (aria2's post-download
 * steps), in this order:
 * <ol>
 *   <li>disk queue: the file is closed and its resume state deleted; with {@code remote-time}
 *       it gets the newest modification time its sources gave (a failure there is only logged,
 *       as aria2 does);</li>
 *   <li>hash executor: the whole file is checked against the checksum, when one is known; a
 *       mismatch fails the download ({@link ErrorCode#CHECKSUM_ERROR});</li>
 *   <li>a Metalink file's signature is saved as {@code <file>.sig}; or a downloaded .torrent
 *       ({@code follow-torrent}) or Metalink ({@code follow-metalink}) is read and the
 *       downloads it describes are added, linked to the job by {@code followedBy};</li>
 *   <li>the job succeeds.</li>
 * </ol>
 * Stateless. Each step hands over to the next on the executor it names; the job hears every
 * outcome on the loop, and one no longer active by then ignores it.
 */
final class PostDownload {

    private PostDownload() {
    }

    /**
     * Loop thread: the transfer of {@code job} has every byte of {@code file}.
     *
     * @param checks   the run's checks: the checksum to verify, what to follow
     * @param modified the time {@code remote-time} gives the file, or null to leave it
     */
    static void start(UriJob job, DiskFile file, DownloadChecks checks, Instant modified) {
        ExpectedChecksum checksum = checks.expected();
        job.diskQueue.execute(() -> {
            try {
                file.finish();
            } catch (IOException e) {
                report(job, file, () -> job.fail(DownloadJob.codeOf(e), e.getMessage()));
                return;
            }
            if (modified != null && file.path() != null) {
                applyRemoteTime(job, file.path(), modified);
            }
            if (checksum == null || file.path() == null && !file.inMemory()) {
                report(job, file, () -> verified(job, file, checks));
                return;
            }
            job.engine.hashExecutor().execute(() -> {
                try {
                    verify(file, checksum);
                    report(job, file, () -> verified(job, file, checks));
                } catch (ChecksumMismatchException mismatch) {
                    report(job, file, () -> job.fail(ErrorCode.CHECKSUM_ERROR, mismatch.getMessage()));
                } catch (IOException e) {
                    report(job, file, () -> job.fail(ErrorCode.FILE_IO_ERROR, e.getMessage()));
                }
            });
        });
    }

    /** Disk queue: the file gets the sources' modification time; a failure is only logged, as aria2 does. */
    private static void applyRemoteTime(UriJob job, Path path, Instant modified) {
        try {
            Files.setLastModifiedTime(path, FileTime.from(modified));
        } catch (IOException e) {
            job.engine.log().warn("{}: cannot set the modification time of {}: {}", job.gidText, path,
                    e.getMessage());
        }
    }

    /**
     * Hash executor: checks the whole file (on disk, or in memory) against {@code expected}.
     *
     * @throws ChecksumMismatchException if it differs (error 32)
     * @throws IOException               if the file cannot be read
     */
    private static void verify(DiskFile file, ExpectedChecksum expected) throws IOException {
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
     * Hands {@code task} to the loop, where it runs only if {@code file}'s run is still the job's
     * current one: a restart ({@code changeOption}) or a stop meanwhile makes it moot, so an old
     * run's checks can never complete or fail the next run.
     */
    private static void report(UriJob job, DiskFile file, Runnable task) {
        job.post(() -> {
            if (job.isRunOf(file)) {
                task.run();
            }
        });
    }

    /** Loop thread: the whole file is verified. Saves its signature or follows it, then the job succeeds. */
    private static void verified(UriJob job, DiskFile file, DownloadChecks checks) {
        if (job.state != DownloadState.ACTIVE) {
            return;
        }
        if (job.metalink != null && job.metalink.signature() != null && job.filePath != null) {
            Path path = job.filePath;
            job.diskQueue.execute(() -> {
                saveSignature(path, job.metalink.signature(), job.engine.log(), job.gidText);
                report(job, file, job::succeed);
            });
        } else if (checks.follow() != FollowMode.FALSE && checks.followsTorrent()) {
            followTorrent(job, file, checks.follow() == FollowMode.MEM ? null : job.filePath);
        } else if (checks.follow() != FollowMode.FALSE) {
            followMetalink(job, file, checks);
        } else {
            job.succeed();
        }
    }

    /**
     * follow-torrent: the .torrent's BitTorrent download is added (for a Metalink's torrent
     * metaurl, the swarm of its files and the mirror downloads of the rest).
     *
     * @param saved where the .torrent is, for save-session; null when kept in memory
     */
    private static void followTorrent(UriJob job, DiskFile file, Path saved) {
        readTorrent(file, job.diskQueue, job.engine.hashExecutor(), torrent -> report(job, file, () -> {
            if (job.state == DownloadState.ACTIVE) {
                if (job.metaurlPlan != null) {
                    job.engine.torrentMetaurls().torrentArrived(job, torrent)
                            .forEach(child -> job.followedBy.add(child.gid()));
                } else {
                    job.followedBy.add(job.engine.torrents().follow(job, torrent, saved).gid());
                }
                job.succeed();
            }
        }), refused -> report(job, file, () -> job.fail(refused instanceof TorrentException bad ? bad.errorCode()
                : ErrorCode.BITTORRENT_PARSE_ERROR, refused.getMessage())));
    }

    /**
     * follow-metalink: the Metalink's downloads are added; one that selects no file is logged,
     * and the download of the Metalink itself still succeeds.
     */
    private static void followMetalink(UriJob job, DiskFile file, DownloadChecks checks) {
        readMetalink(file, job.diskQueue, job.engine.hashExecutor(), document -> report(job, file, () -> {
            if (job.state == DownloadState.ACTIVE) {
                try {
                    job.engine.follow(job, document, checks.answeredFrom())
                            .forEach(child -> job.followedBy.add(child.gid()));
                } catch (IllegalArgumentException nothingSelected) {
                    job.engine.log().warn("{}: {}", job.gidText, nothingSelected.getMessage());
                }
                job.succeed();
            }
        }), refused -> report(job, file, () -> job.fail(ErrorCode.METALINK_PARSE_ERROR, refused.getMessage())));
    }

    /**
     * Disk executor: writes a Metalink file's signature to {@code <file>.sig}, as aria2 does: an
     * existing file of that name is left alone (logged), and a failure to write is logged,
     * not fatal, since the download itself is complete and verified.
     */
    private static void saveSignature(Path file, Signature signature, Logger log, String gid) {
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
    private static void readMetalink(DiskFile file, Executor disk, Executor cpu, Consumer<MetalinkDocument> parsed,
                             Consumer<IOException> refused) {
        readFollowed(file, MetalinkLimits.DEFAULT.maxDocumentBytes(), disk, cpu,
                bytes -> parsed.accept(MetalinkParser.create().parse(bytes)), refused);
    }

    /** As {@link #readMetalink}, for a downloaded .torrent file (at most {@link TorrentLimits#maxTorrentBytes()}). */
    private static void readTorrent(DiskFile file, Executor disk, Executor cpu, Consumer<TorrentMetainfo> parsed,
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
