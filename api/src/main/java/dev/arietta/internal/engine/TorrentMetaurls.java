package dev.arietta.internal.engine;

import dev.arietta.DownloadHandle;
import dev.arietta.FollowMode;
import dev.arietta.Option;
import dev.arietta.Options;
import dev.arietta.bittorrent.metainfo.TorrentFile;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.metalink.Metaurl;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Metalink files described by a BitTorrent metaurl, downloaded as aria2 downloads them: the
 * .torrent is fetched first (kept in memory, {@code follow-torrent=mem}), then one swarm
 * downloads the files it names ({@code select-file}), the files' HTTP and FTP mirrors joining as
 * web seeds (BEP 19) where their URLs fit the torrent's layout. Nothing is lost on the way: when
 * the .torrent cannot be fetched or read, or does not name a file, that file downloads from its
 * mirrors as if there were no metaurl.
 *
 * <p>Thread-safe as {@link MetalinkDownloads}: {@link #take} runs on the thread adding the
 * Metalink; the rest on the loop, once the .torrent is in.
 */
final class TorrentMetaurls implements TorrentMetaurlHandoff {

    /**
     * What the download of a metaurl's .torrent is for.
     *
     * @param metaurl the torrent metaurl
     * @param files   the Metalink files it describes
     * @param options the options of the downloads made for them
     * @param paused  whether those downloads are added paused
     */
    record Plan(Metaurl metaurl, List<MetalinkTarget> files, Options options, boolean paused) {
    }

    private final Engine engine;
    private final MetalinkDownloads metalinks;

    TorrentMetaurls(Engine engine, MetalinkDownloads metalinks) {
        this.engine = engine;
        this.metalinks = metalinks;
    }

    @Override
    public Optional<List<DownloadHandle>> take(Metaurl torrent, List<MetalinkTarget> files, Options options,
                                               boolean paused, int position) {
        if (!fetchable(torrent.url())) {
            return Optional.empty();
        }
        long gid = engine.newGid(null);
        DownloadHandle handle = engine.handleOf(gid);
        Options fetch = options.toBuilder().set(Option.FOLLOW_TORRENT, FollowMode.MEM).unset(Option.SELECT_FILE)
                .build();
        UriJob job = new UriJob(engine, gid, handle, List.of(torrent.url()), fetch, engine.globalOptions());
        job.metaurlPlan = new Plan(torrent, files, options, paused);
        engine.register(job, paused, position);
        return Optional.of(List.of(handle));
    }

    private static boolean fetchable(String url) {
        try {
            return UriJob.fetchable(new URI(url));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * Loop thread: the .torrent of {@code fetch}'s plan is in. Starts its swarm for the files it
     * names and sends the others to their mirrors; returns every download made.
     */
    List<DownloadHandle> torrentArrived(UriJob fetch, TorrentMetainfo metainfo) {
        Plan plan = fetch.metaurlPlan;
        TreeMap<Integer, MetalinkTarget> matched = match(metainfo, plan);
        List<MetalinkTarget> unmatched = new ArrayList<>(plan.files());
        unmatched.removeAll(matched.values());
        List<DownloadHandle> made = new ArrayList<>();
        if (!matched.isEmpty()) {
            Set<String> webSeeds = new LinkedHashSet<>();
            List<String> indexes = new ArrayList<>();
            matched.forEach((index, target) -> {
                indexes.add(String.valueOf(index + 1));
                webSeeds.addAll(webSeeds(metainfo, metainfo.files().get(index), target));
            });
            Options options = plan.options().toBuilder().set(Option.SELECT_FILE, String.join(",", indexes)).build();
            made.add(engine.torrents().child(fetch, metainfo, null, List.copyOf(webSeeds), options, plan.paused()));
        }
        made.addAll(metalinks.fromMirrors(unmatched, plan.options(), plan.paused(), 0, fetch, null));
        return made;
    }

    /** Loop thread: the .torrent could not be had; the files download from their mirrors. */
    List<DownloadHandle> torrentFailed(UriJob fetch) {
        Plan plan = fetch.metaurlPlan;
        return metalinks.fromMirrors(plan.files(), plan.options(), plan.paused(), 0, fetch, null);
    }

    /**
     * The torrent's files (0-based index, padding excluded) that the plan's Metalink files are:
     * the metaurl's {@code name} for a lone file, else the Metalink name, compared with the
     * torrent path with and without the torrent's name in front; a single-file torrent is the
     * lone Metalink file it was offered for.
     */
    static TreeMap<Integer, MetalinkTarget> match(TorrentMetainfo metainfo, Plan plan) {
        TreeMap<Integer, MetalinkTarget> matched = new TreeMap<>();
        List<TorrentFile> files = metainfo.files();
        if (!metainfo.isMultiFile() && plan.files().size() == 1) {
            matched.put(0, plan.files().get(0));
            return matched;
        }
        for (MetalinkTarget target : plan.files()) {
            String wanted = plan.files().size() == 1 && plan.metaurl().name() != null ? plan.metaurl().name()
                    : target.name();
            for (int index = 0; index < files.size(); index++) {
                TorrentFile file = files.get(index);
                if (!file.padding() && !matched.containsKey(index) && (wanted.equals(file.joinedPath())
                        || wanted.equals(metainfo.name() + "/" + file.joinedPath()))) {
                    matched.put(index, target);
                    break;
                }
            }
        }
        return matched;
    }

    /**
     * The BEP 19 web seeds a file's mirrors give: for a single-file torrent the mirror URLs
     * themselves; for a multi-file one the URL with {@code name/path} taken off its end (a
     * mirror laid out otherwise cannot serve the swarm and is left out).
     */
    static List<String> webSeeds(TorrentMetainfo metainfo, TorrentFile file, MetalinkTarget target) {
        List<String> seeds = new ArrayList<>();
        String suffix = "/" + metainfo.name() + "/" + file.joinedPath();
        for (String uri : target.uris()) {
            if (!fetchable(uri)) {
                continue;
            }
            if (!metainfo.isMultiFile()) {
                seeds.add(uri);
                continue;
            }
            URI parsed = URI.create(uri);
            String path = parsed.getPath();
            if (parsed.getRawQuery() == null && path != null && path.endsWith(suffix)) {
                try {
                    seeds.add(new URI(parsed.getScheme(), parsed.getAuthority(),
                            path.substring(0, path.length() - suffix.length()) + "/", null, null).toString());
                } catch (URISyntaxException e) {
                    // A mirror whose base cannot be written back is left out.
                }
            }
        }
        return seeds;
    }
}
