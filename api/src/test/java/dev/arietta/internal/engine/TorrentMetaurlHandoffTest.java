package dev.arietta.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arietta.DownloadState;
import dev.arietta.DownloadStatus;
import dev.arietta.Options;
import dev.arietta.metalink.Metalink;
import dev.arietta.metalink.MetalinkDocument;
import dev.arietta.metalink.MetalinkFile;
import dev.arietta.metalink.MetalinkUrl;
import dev.arietta.metalink.Metaurl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The BitTorrent hook of Metalink downloads: what it is offered, and what happens to what it declines. */
class TorrentMetaurlHandoffTest {

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private Engine engine;

    @AfterEach
    void tearDown() {
        if (engine != null) {
            engine.shutDown();
        }
        executor.shutdownNow();
    }

    private static MetalinkFile file(String name, String torrent, String url) {
        MetalinkFile.Builder file = MetalinkFile.builder(name).size(10);
        if (torrent != null) {
            file.addMetaurl(Metaurl.torrent(torrent));
        }
        if (url != null) {
            file.addUrl(MetalinkUrl.of(url));
        }
        return file.build();
    }

    @Test
    void filesSharingATorrentAreOfferedTogetherAndWhatIsDeclinedDownloadsFromItsUrls() throws Exception {
        engine = new Engine(new EngineConfig(Options.empty(), List.of(), executor, executor, executor, System::nanoTime,
                new SplittableRandom(5), 0, 0));
        List<Long> gids = new CopyOnWriteArrayList<>();
        engine.handles(gid -> {
            gids.add(gid);
            return null;
        });
        List<String> offered = new ArrayList<>();
        engine.torrentMetaurlHandoff((torrent, files, options, paused, position) -> {
            offered.add(torrent.url() + " " + files.stream().map(MetalinkTarget::name).toList() + " " + position);
            return torrent.url().endsWith("a.torrent") ? Optional.of(List.of()) : Optional.empty();
        });
        byte[] document = Metalink.toByteArray(MetalinkDocument.of(List.of(
                file("one", "http://t/a.torrent", "http://m/one"),
                file("two", "http://t/a.torrent", null),
                file("three", "http://t/b.torrent", "http://m/three"),
                file("four", null, "http://m/four"))));

        engine.addMetalink(document, Options.of("pause", "true"), 3, null);

        assertEquals(List.of("http://t/a.torrent [one, two] 3", "http://t/b.torrent [three] 3"), offered);
        List<String> downloaded = new ArrayList<>();
        for (long gid : gids) {
            DownloadStatus status = engine.queries().status(gid).join();
            assertEquals(DownloadState.PAUSED, status.state());
            downloaded.add(status.files().get(0).path().getFileName() + " " + status.files().get(0).uris().get(0).uri());
        }
        assertEquals(List.of("three http://m/three", "four http://m/four"), downloaded);
        assertEquals(Path.of("."), engine.queries().status(gids.get(0)).join().dir());
    }
}
