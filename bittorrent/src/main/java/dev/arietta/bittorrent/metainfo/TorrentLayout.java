package dev.arietta.bittorrent.metainfo;

import dev.arietta.bittorrent.metainfo.SourceScanner.Listing;
import dev.arietta.bittorrent.metainfo.SourceScanner.SourceFile;
import dev.arietta.core.internal.storage.FileEntry;
import dev.arietta.core.internal.storage.FileLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code info.files} list of a torrent being created: the source files in order, with BEP 47
 * padding files inserted as libtorrent inserts them, and the same list as core's
 * {@link FileLayout} for mapping pieces to file spans. Immutable.
 *
 * @param entries     every entry, padding included, in torrent order
 * @param pieceLength bytes per piece
 * @param totalLength sum of all entry lengths, padding included
 */
record TorrentLayout(List<TorrentLayout.Entry> entries, int pieceLength, long totalLength) {

    /** Path of libtorrent's padding files: {@code .pad/<length>}, as BEP 47 recommends. */
    static final String PADDING_DIRECTORY = ".pad";

    /**
     * One entry of {@code info.files}.
     *
     * @param path       path elements in the torrent
     * @param length     bytes
     * @param padding    a BEP 47 padding file (zeros, attribute {@code p}); {@code source} is null
     * @param executable BEP 47 attribute {@code x}
     * @param source     the file on disk, or null for padding
     */
    record Entry(List<String> path, long length, boolean padding, boolean executable, SourceFile source) {

        /** Where to read the entry, or null for padding. */
        Path readPath() {
            return source == null ? null : source.readPath();
        }
    }

    TorrentLayout {
        entries = List.copyOf(entries);
    }

    /**
     * Lays out {@code listing} in pieces of {@code pieceLength}. A single-file torrent is never
     * padded (libtorrent does not pad it either).
     *
     * @throws ArithmeticException if the total overflows a {@code long}
     */
    static TorrentLayout of(Listing listing, int pieceLength, TorrentCreator.Padding padding) {
        List<Entry> entries = new ArrayList<>(2 * listing.files().size());
        long offset = 0;
        boolean padded = listing.multiFile() && padding != TorrentCreator.Padding.NONE;
        for (SourceFile file : listing.files()) {
            // libtorrent's canonical_files_no_tail_padding: pad before a file with bytes that starts mid-piece.
            if (padded && padding == TorrentCreator.Padding.BETWEEN_FILES && file.length() > 0
                    && offset % pieceLength != 0) {
                offset = addPadding(entries, offset, pieceLength);
            }
            entries.add(new Entry(file.path(), file.length(), false, file.executable(), file));
            offset = Math.addExact(offset, file.length());
            // libtorrent's canonical_files: pad after every file that ends mid-piece, the last one included.
            if (padded && padding == TorrentCreator.Padding.AFTER_EVERY_FILE && offset % pieceLength != 0) {
                offset = addPadding(entries, offset, pieceLength);
            }
        }
        return new TorrentLayout(entries, pieceLength, offset);
    }

    private static long addPadding(List<Entry> entries, long offset, int pieceLength) {
        long length = pieceLength - offset % pieceLength;
        entries.add(new Entry(List.of(PADDING_DIRECTORY, Long.toString(length)), length, true, false, null));
        return Math.addExact(offset, length);
    }

    /** Number of pieces. */
    long pieceCount() {
        return (totalLength + pieceLength - 1) / pieceLength;
    }

    /** Core's view of the same files, for mapping pieces to file spans. */
    FileLayout fileLayout() {
        List<FileEntry> files = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            String path = String.join("/", entry.path());
            files.add(entry.padding() ? FileEntry.padding(path, entry.length()) : FileEntry.of(path, entry.length()));
        }
        return new FileLayout(files, pieceLength);
    }
}
