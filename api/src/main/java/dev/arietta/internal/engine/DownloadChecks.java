package dev.arietta.internal.engine;

import dev.arietta.FollowMode;
import dev.arietta.Option;
import dev.arietta.Options;
import dev.arietta.core.ErrorCode;
import dev.arietta.core.internal.hash.ExpectedChecksum;
import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.http.internal.transfer.FetchFailure;
import dev.arietta.http.internal.transfer.FetchResponse;
import dev.arietta.http.internal.transfer.SegmentedTransfer;
import dev.arietta.bittorrent.metainfo.TorrentLimits;
import dev.arietta.metalink.MetalinkLimits;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * What one run of a download checks, and what it learns for the end: the answers of its
 * sources (a Metalink's size, Metalink/HTTP mirrors and digests, the newest modification time), its Metalink piece hashes
 * while it downloads ({@link PieceCheck}), the whole-file digest to verify at the end, and
 * whether the finished file is a Metalink to follow. Made at each start. Loop thread only.
 */
final class DownloadChecks {

    private final MetalinkTarget metalink;
    private final MetalinkHttpCheck http;
    private PieceCheck pieces;
    private URI answeredFrom;
    private FollowMode follow = FollowMode.FALSE;
    /** Whether what is followed is a .torrent (else a Metalink). */
    private boolean followsTorrent;
    /** The newest modification time of an accepted answer (aria2's remote-time takes it), or null. */
    private Instant newestModified;

    DownloadChecks(MetalinkTarget metalink, Options effective, Logger log, String gid) {
        this.metalink = metalink;
        this.http = new MetalinkHttpCheck(knownChecksum(effective, metalink), metalink == null,
                MetalinkDownloads.preferences(effective, false), log, gid);
    }

    /** The digest known before any answer: the {@code checksum} option's, else the Metalink's; or null. */
    static ExpectedChecksum knownChecksum(Options effective, MetalinkTarget metalink) {
        String option = effective.get(Option.CHECKSUM);
        if (option != null) {
            return ExpectedChecksum.parse(option);
        }
        return metalink == null ? null : metalink.checksum();
    }

    /**
     * Checks an answer of {@code source}: a Metalink file's size must match, and Metalink/HTTP
     * headers may add mirrors (http, https and ftp ones are handed to {@code addMirror}) or
     * refuse a disagreeing digest.
     *
     * @return null to accept, or why the answer is refused (its mirror is then dropped)
     */
    FetchFailure checkResponse(URI source, FetchResponse response, Consumer<URI> addMirror) {
        if (metalink != null && metalink.size() >= 0 && response.totalLength() >= 0
                && response.totalLength() != metalink.size()) {
            return new FetchFailure(ErrorCode.UNKNOWN, "size mismatch: the Metalink says " + metalink.size()
                    + " bytes, " + source.getHost() + " sends " + response.totalLength(), FetchFailure.Kind.FATAL, 0);
        }
        FetchFailure refused = http.check(source, response, mirror -> {
            if (UriJob.fetchable(mirror)) {
                addMirror.accept(mirror);
            }
        });
        if (refused == null) {
            response.lastModified().filter(time -> newestModified == null || time.isAfter(newestModified))
                    .ifPresent(time -> newestModified = time);
        }
        return refused;
    }

    /** The newest modification time the accepted answers gave, or null when none gave one. */
    Instant newestModified() {
        return newestModified;
    }

    /**
     * The first answer: remembers where it came from, whether the file (saved as {@code name})
     * is a Metalink to follow, and starts checking piece hashes if the Metalink has them and
     * the length is known.
     *
     * @throws IllegalArgumentException if the piece hashes do not cover the length sent
     */
    void firstResponse(FetchResponse response, String name, Options effective, Executor hashExecutor, Executor loop,
                       DiskFile file, SegmentedTransfer transfer, Logger log, String gid) {
        answeredFrom = response.finalUri();
        if (metalink == null && isMetalink(name, response.contentType())) {
            follow = effective.get(Option.FOLLOW_METALINK);
        } else if (metalink == null && isTorrent(name, response.contentType())) {
            follow = effective.get(Option.FOLLOW_TORRENT);
            followsTorrent = true;
        }
        if (metalink != null && metalink.pieceHashes() != null && response.totalLength() >= 0) {
            pieces = PieceCheck.create(metalink, response.totalLength(), hashExecutor, loop, file, transfer, log, gid);
        }
    }

    /**
     * How the finished file is followed, as a Metalink or a .torrent ({@link #followsTorrent()});
     * {@link FollowMode#FALSE}: not at all.
     */
    FollowMode follow() {
        return follow;
    }

    /** Whether {@link #follow()} concerns a .torrent file rather than a Metalink. */
    boolean followsTorrent() {
        return followsTorrent;
    }

    /** The most bytes a followed file may have: the document limit of its kind. */
    int followLimitBytes() {
        return followsTorrent ? TorrentLimits.DEFAULT.maxTorrentBytes() : MetalinkLimits.DEFAULT.maxDocumentBytes();
    }

    /**
     * Whether a download is a Metalink to follow, as aria2 decides: its name ends with
     * {@code .meta4} or {@code .metalink}, or its media type is {@code application/metalink4+xml}
     * or {@code application/metalink+xml}.
     */
    static boolean isMetalink(String name, Optional<String> contentType) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".meta4") || lower.endsWith(".metalink")) {
            return true;
        }
        return mediaType(contentType).filter(media -> media.equals("application/metalink4+xml")
                || media.equals("application/metalink+xml")).isPresent();
    }

    /**
     * Whether a download is a .torrent to follow, as aria2 decides: its name ends with
     * {@code .torrent}, or its media type is {@code application/x-bittorrent}.
     */
    static boolean isTorrent(String name, Optional<String> contentType) {
        if (name.toLowerCase(Locale.ROOT).endsWith(".torrent")) {
            return true;
        }
        return mediaType(contentType).filter(media -> media.equals("application/x-bittorrent")).isPresent();
    }

    /** The media type of a Content-Type value, lower case, without parameters. */
    private static Optional<String> mediaType(Optional<String> contentType) {
        return contentType.map(type -> type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT));
    }

    /** The URI of the first answer (a followed Metalink's relative URLs resolve against it), or null. */
    URI answeredFrom() {
        return answeredFrom;
    }

    /** The whole-file digest to verify at the end, or null. */
    ExpectedChecksum expected() {
        return http.expected();
    }

    /** Whether no piece check is pending. */
    boolean settled() {
        return pieces == null || pieces.settled();
    }

    /** The verified pieces, or null without piece hashes (every piece on disk then counts). */
    Bitfield verifiedPieces() {
        return pieces == null ? null : pieces.verified();
    }

    /**
     * The ranges the prepared file already holds, as the transfer should take them: with piece
     * hashes only whole pieces, those of a resume state trusted (verified when saved), any others
     * checked again now.
     */
    List<long[]> prepared(DiskFile.Prepared prepared) {
        if (pieces == null) {
            return prepared.doneRanges();
        }
        List<long[]> done = pieces.toWholePieces(prepared.doneRanges());
        if (prepared.fromResumeState()) {
            pieces.trust(done);
        } else {
            pieces.recheck(done);
        }
        return done;
    }

    /**
     * Whether bytes the first connection fetched while the file was prepared must not be
     * written, because with piece hashes the piece they fall in is already on disk (verified,
     * or being checked): unverified bytes never overwrite it.
     */
    boolean keepsOnDisk(List<long[]> done, long offset, int length) {
        if (pieces == null) {
            return false;
        }
        for (long[] range : done) {
            if (range[0] <= offset && offset + length <= range[1]) {
                return true;
            }
        }
        return false;
    }

    /** Bytes are on disk; call before the transfer hears of them, so a last piece's check holds completion. */
    void written(long offset, int length) {
        if (pieces != null) {
            pieces.written(offset, length);
        }
    }

    /**
     * The pieces resume state and status may claim: with piece hashes the verified ones, else
     * every piece entirely written; none while the length is unknown.
     *
     * @param checks the run's checks, or null before the first start
     */
    static Bitfield piecesOnDisk(DownloadChecks checks, SegmentedTransfer transfer, long pieceLength) {
        Bitfield verified = checks == null ? null : checks.verifiedPieces();
        if (verified != null) {
            return verified;
        }
        long total = transfer == null ? -1 : transfer.totalLength();
        if (total < 0) {
            return new Bitfield(0);
        }
        Bitfield pieces = new Bitfield((int) ((total + pieceLength - 1) / pieceLength));
        for (long[] range : transfer.writtenRanges()) {
            long first = (range[0] + pieceLength - 1) / pieceLength;
            for (long piece = first; piece < pieces.size(); piece++) {
                long end = Math.min((piece + 1) * pieceLength, total);
                if (end > range[1]) {
                    break;
                }
                pieces.set((int) piece);
            }
        }
        return pieces;
    }
}
