package dev.arietta.internal.engine;

import dev.arietta.DownloadHandle;
import dev.arietta.Option;
import dev.arietta.Options;
import dev.arietta.internal.options.FileIndexes;
import dev.arietta.metalink.Metalink;
import dev.arietta.metalink.MetalinkDocument;
import dev.arietta.metalink.MetalinkParser;
import dev.arietta.metalink.MetalinkPreferences;
import dev.arietta.metalink.Metaurl;
import dev.arietta.metalink.SelectedFile;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Turns a Metalink document into downloads, as aria2 does: the files left after the
 * {@code metalink-language}, {@code -os} and {@code -version} filters are numbered from 1,
 * {@code select-file} keeps some of them, and each kept file becomes one download whose
 * mirrors are ordered by the {@code metalink-*} preferences (equal ranks shuffled), relative
 * URLs resolved against the document's URL or, for a local file, {@code metalink-base-uri}.
 * Files sharing a BitTorrent metaurl are first offered to the {@link TorrentMetaurlHandoff}.
 *
 * <p>Thread-safe: called on a caller's thread ({@code addMetalink}) or on the loop (a followed
 * Metalink); it only creates jobs and queues them through the engine.
 */
final class MetalinkDownloads {

    private final Engine engine;
    private final TorrentMetaurls sessionHandoff;
    private volatile TorrentMetaurlHandoff torrents;

    MetalinkDownloads(Engine engine) {
        this.engine = engine;
        this.sessionHandoff = new TorrentMetaurls(engine, this);
        this.torrents = sessionHandoff;
    }

    /** The session's BitTorrent hook, for the loop's callbacks once a metaurl's .torrent is in (or not). */
    TorrentMetaurls torrentMetaurls() {
        return sessionHandoff;
    }

    /** Replaces the BitTorrent hook (see {@link TorrentMetaurlHandoff}). */
    void torrentHandoff(TorrentMetaurlHandoff handoff) {
        this.torrents = Objects.requireNonNull(handoff, "handoff");
    }

    /**
     * Adds the downloads of a document given by the caller (read from {@code source}, or given
     * as bytes: then, with save-session set, saved as {@code <dir>/<sha-1>.meta4} so that the
     * session file can name it).
     *
     * @throws IOException a {@link dev.arietta.metalink.MetalinkException} if the document is
     *                     refused, or the failure to save its copy
     */
    List<DownloadHandle> add(byte[] document, Options options, int position, Path source) throws IOException {
        MetalinkDocument parsed = MetalinkParser.create().parse(document);
        Path saved = source != null ? source.toAbsolutePath()
                : SessionFiles.saveMetalink(document, options.merge(engine.globalOptions()));
        return add(parsed, null, options, position, null, saved == null ? null : new MetalinkOrigin(saved, null, options));
    }

    /**
     * Adds the downloads of {@code document}.
     *
     * @param documentUri where the document was downloaded from, or null for a local one
     * @param options     the options it was added with (the parent's, when followed)
     * @param position    waiting-queue position of the first download, negative for the end
     * @param parent      the download that fetched the document, or null
     * @param origin      where save-session finds the document again, or null if nowhere
     * @throws IllegalArgumentException if no file is left to download
     */
    List<DownloadHandle> add(MetalinkDocument document, URI documentUri, Options options, int position,
                             DownloadJob parent, MetalinkOrigin origin) {
        Options effective = options.merge(engine.globalOptions());
        List<SelectedFile> selected = Metalink.select(document, documentUri, preferences(effective, documentUri == null),
                new SplittableRandom(engine.randomLong()));
        String selectFile = effective.get(Option.SELECT_FILE);
        FileIndexes indexes = selectFile == null ? null : FileIndexes.parse(selectFile);
        List<MetalinkTarget> targets = new ArrayList<>();
        for (int i = 0; i < selected.size(); i++) {
            if (indexes == null || indexes.contains(i + 1)) {
                targets.add(MetalinkTarget.of(i + 1, selected.get(i)));
            }
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no file of the Metalink to download: " + selected.size() + " of "
                    + document.files().size() + " left after metalink-language, metalink-os and metalink-version"
                    + (selectFile == null ? "" : ", none of them selected by select-file=" + selectFile));
        }
        Options.Builder child = options.toBuilder().unset(Option.GID).unset(Option.OUT).unset(Option.CHECKSUM)
                .unset(Option.SELECT_FILE);
        boolean paused = options.get(Option.PAUSE) || parent != null && effective.get(Option.PAUSE_METADATA);
        Options childOptions = child.unset(Option.PAUSE).build();
        int next = parent != null ? 0 : position;
        List<DownloadHandle> handles = new ArrayList<>();
        boolean[] taken = offerTorrents(targets, childOptions, paused, next, handles);
        List<MetalinkTarget> rest = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            if (!taken[i]) {
                rest.add(targets.get(i));
            }
        }
        handles.addAll(fromMirrors(rest, childOptions, paused, next, parent, origin));
        return handles;
    }

    /**
     * One HTTP/FTP download per target, from its mirrors, queued from {@code position} on
     * (negative: at the end).
     *
     * @param parent the download whose metadata made them ({@code following}), or null
     * @param origin where save-session finds their Metalink, or null
     */
    List<DownloadHandle> fromMirrors(List<MetalinkTarget> targets, Options childOptions, boolean paused, int position,
                                     DownloadJob parent, MetalinkOrigin origin) {
        List<DownloadHandle> handles = new ArrayList<>();
        int next = position;
        for (MetalinkTarget target : targets) {
            long gid = engine.newGid(null);
            DownloadHandle handle = engine.handleOf(gid);
            UriJob job = new UriJob(engine, gid, handle, target.uris(), childOptions, engine.globalOptions());
            job.metalink = target;
            job.origin = origin;
            job.following = parent == null ? null : parent.gidText;
            engine.register(job, paused, next);
            handles.add(handle);
            if (next >= 0) {
                next++;
            }
        }
        return handles;
    }

    /** Offers each group of files sharing a torrent metaurl to the hook; marks those it took. */
    private boolean[] offerTorrents(List<MetalinkTarget> targets, Options options, boolean paused, int position,
                                    List<DownloadHandle> handles) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            if (!targets.get(i).torrents().isEmpty()) {
                groups.computeIfAbsent(targets.get(i).torrents().get(0).url(), url -> new ArrayList<>()).add(i);
            }
        }
        boolean[] taken = new boolean[targets.size()];
        TorrentMetaurlHandoff handoff = torrents;
        for (List<Integer> group : groups.values()) {
            Metaurl torrent = targets.get(group.get(0)).torrents().get(0);
            List<MetalinkTarget> files = group.stream().map(targets::get).toList();
            Optional<List<DownloadHandle>> started = handoff.take(torrent, files, options, paused, position);
            if (started.isPresent()) {
                handles.addAll(started.get());
                group.forEach(index -> taken[index] = true);
            }
        }
        return taken;
    }

    /** aria2's Metalink preferences from a download's options. */
    static MetalinkPreferences preferences(Options effective, boolean localDocument) {
        String base = effective.get(Option.METALINK_BASE_URI);
        List<String> locations = effective.get(Option.METALINK_LOCATION);
        return MetalinkPreferences.builder()
                .locations(locations == null ? List.of() : locations)
                .language(effective.get(Option.METALINK_LANGUAGE))
                .os(effective.get(Option.METALINK_OS))
                .version(effective.get(Option.METALINK_VERSION))
                .preferredProtocol(switch (effective.get(Option.METALINK_PREFERRED_PROTOCOL)) {
                    case HTTP -> MetalinkPreferences.Protocol.HTTP;
                    case HTTPS -> MetalinkPreferences.Protocol.HTTPS;
                    case FTP -> MetalinkPreferences.Protocol.FTP;
                    case NONE -> MetalinkPreferences.Protocol.NONE;
                })
                .uniqueProtocol(effective.get(Option.METALINK_ENABLE_UNIQUE_PROTOCOL))
                .baseUri(localDocument && base != null ? URI.create(base) : null)
                .build();
    }
}
