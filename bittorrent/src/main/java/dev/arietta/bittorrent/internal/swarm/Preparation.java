package dev.arietta.bittorrent.internal.swarm;

import dev.arietta.bittorrent.internal.swarm.storage.TorrentStorage;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.core.internal.resume.ResumeIdentity;
import dev.arietta.core.internal.resume.ResumeState;
import dev.arietta.core.internal.resume.ResumeStateFile;
import dev.arietta.core.internal.storage.ExistingFilePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * What a torrent finds on disk when it starts, worked out on the disk executor: its files
 * prepared (contained, existing ones handled, selected ones allocated), its resume state
 * loaded and checked against the torrent, and which verified pieces can be trusted without
 * hashing them again.
 *
 * <p>Trust: with {@code check-integrity} nothing is trusted (every piece is hashed). Otherwise
 * the resume state's pieces are, except those whose bytes are not on disk any more (a file
 * deleted or truncated) and those kept in the part file, which are few and are hashed again
 * (the selection may have changed since they were saved).
 *
 * @param storage   the opened storage
 * @param resume    the state file
 * @param state     the loaded state, if there was one
 * @param trusted   pieces taken as verified without hashing
 * @param recheck   pieces the state claims that must be hashed before they count
 */
record Preparation(TorrentStorage storage, ResumeStateFile resume, Optional<ResumeState> state, Bitfield trusted,
        Bitfield recheck) {

    /**
     * Runs the preparation. Blocking: call on the disk executor.
     *
     * @param selectedFiles which files to download
     */
    static Preparation run(TorrentMetainfo metainfo, SwarmSettings settings, Bitfield selectedFiles)
            throws IOException {
        ResumeStateFile resume = new ResumeStateFile(settings.directory().resolve(metainfo.name()));
        boolean hasState = Files.exists(resume.path());
        // As aria2, a torrent's files are never renamed: an existing file is ours (resume
        // state or check-integrity), overwritten if allowed, or an error.
        ExistingFilePolicy existing = ExistingFilePolicy.builder()
                .allowOverwrite(settings.existingFiles().allowOverwrite()).autoRename(false).build();
        TorrentStorage storage = TorrentStorage.open(metainfo, settings.directory(), existing, settings.allocation(),
                settings.diskCacheBytes(), selectedFiles, hasState || settings.checkIntegrity());
        try {
            Optional<ResumeState> state = hasState
                    ? resume.load(new ResumeIdentity.InfoHash(metainfo.infoHash().bytes()), metainfo.pieceLength(),
                            metainfo.totalLength())
                    : Optional.empty();
            int pieceCount = metainfo.pieceCount();
            Bitfield trusted = new Bitfield(pieceCount);
            Bitfield recheck = new Bitfield(pieceCount);
            if (state.isPresent() && !settings.checkIntegrity()) {
                trusted = state.get().verifiedPieces();
                storage.keepPiecesOnDisk(trusted);
                for (int piece = trusted.nextSetBit(0); piece >= 0; piece = trusted.nextSetBit(piece + 1)) {
                    if (storage.isSharedPiece(piece)) {
                        recheck.set(piece);
                    }
                }
                trusted.andNot(recheck);
            }
            return new Preparation(storage, resume, state, trusted, recheck);
        } catch (IOException | RuntimeException e) {
            try {
                storage.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }
}
