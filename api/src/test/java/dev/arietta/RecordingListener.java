package dev.arietta;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Records the events each download receives, in order, and the thread that delivered them. */
final class RecordingListener implements DownloadListener {

    private final Map<String, List<DownloadEvent>> events = new ConcurrentHashMap<>();
    private final List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void onEvent(DownloadEvent event, DownloadHandle download) {
        threads.add(Thread.currentThread().getName());
        synchronized (this) {
            events.computeIfAbsent(download.gid(), gid -> new ArrayList<>()).add(event);
        }
    }

    synchronized List<DownloadEvent> events(DownloadHandle download) {
        return List.copyOf(events.getOrDefault(download.gid(), List.of()));
    }

    List<String> threads() {
        return List.copyOf(threads);
    }
}
