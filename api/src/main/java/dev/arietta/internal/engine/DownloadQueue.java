package dev.arietta.internal.engine;

import dev.arietta.DownloadState;
import dev.arietta.PositionOrigin;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The session's downloads by state, as aria2 keeps them: active ones, the waiting queue
 * (waiting and paused downloads, in order) and the results of stopped ones (oldest first).
 * Loop thread only.
 */
final class DownloadQueue {

    private final List<DownloadJob> active = new ArrayList<>();
    private final List<DownloadJob> waiting = new ArrayList<>();
    private final ArrayDeque<DownloadJob> stopped = new ArrayDeque<>();
    private long stoppedTotal;

    List<DownloadJob> active() {
        return active;
    }

    List<DownloadJob> waiting() {
        return waiting;
    }

    List<DownloadJob> stopped() {
        return new ArrayList<>(stopped);
    }

    long stoppedTotal() {
        return stoppedTotal;
    }

    /** Inserts into the waiting queue at {@code position} (negative or past the end: at the end). */
    void enqueue(DownloadJob job, int position) {
        if (position < 0 || position >= waiting.size()) {
            waiting.add(job);
        } else {
            waiting.add(position, job);
        }
    }

    /** An active download was paused: aria2 puts it at the front of the waiting queue. */
    void requeueFront(DownloadJob job) {
        active.remove(job);
        waiting.add(0, job);
    }

    /** Starts waiting (not paused) downloads, in queue order, while fewer than {@code max} are active. */
    void promote(int max, Consumer<DownloadJob> starter) {
        Iterator<DownloadJob> iterator = waiting.iterator();
        List<DownloadJob> starting = new ArrayList<>();
        while (active.size() + starting.size() < max && iterator.hasNext()) {
            DownloadJob job = iterator.next();
            if (job.state == DownloadState.WAITING) {
                iterator.remove();
                starting.add(job);
            }
        }
        for (DownloadJob job : starting) {
            active.add(job);
            starter.accept(job);
        }
    }

    /**
     * Moves {@code job} (stopped now) to the results; drops the oldest results beyond
     * {@code maxResults}, completed ones first, unfinished ones only if not
     * {@code keepUnfinished}.
     *
     * @param dropped hears every result dropped
     */
    void stop(DownloadJob job, int maxResults, boolean keepUnfinished, Consumer<DownloadJob> dropped) {
        active.remove(job);
        waiting.remove(job);
        stopped.addLast(job);
        stoppedTotal++;
        while (stopped.size() > maxResults) {
            DownloadJob victim = null;
            for (DownloadJob candidate : stopped) {
                if (candidate.state == DownloadState.COMPLETE || !keepUnfinished) {
                    victim = candidate;
                    break;
                }
            }
            if (victim == null) {
                break;
            }
            stopped.remove(victim);
            dropped.accept(victim);
        }
    }

    /** Forgets every stopped result. */
    void purge(Consumer<DownloadJob> dropped) {
        for (DownloadJob job : stopped) {
            dropped.accept(job);
        }
        stopped.clear();
    }

    /**
     * Moves a waiting or paused download, as aria2's {@code changePosition}; the destination
     * is clamped to the queue.
     *
     * @return the new position (0-based)
     * @throws IllegalStateException if the download is not in the waiting queue
     */
    int move(DownloadJob job, int offset, PositionOrigin origin) {
        int current = waiting.indexOf(job);
        if (current < 0) {
            throw new IllegalStateException("download " + job.gidText + " is " + job.stateName()
                    + ", not in the waiting queue");
        }
        long destination = switch (origin) {
            case SET -> offset;
            case CUR -> (long) current + offset;
            case END -> (long) waiting.size() - 1 + offset;
        };
        int clamped = (int) Math.max(0, Math.min(waiting.size() - 1, destination));
        waiting.remove(current);
        waiting.add(clamped, job);
        return clamped;
    }

    /**
     * aria2's paging of {@code tellWaiting}/{@code tellStopped}: a non-negative offset gives
     * {@code [offset, offset + count)}; a negative one counts from the end ({@code -1} is the
     * last) and lists backwards.
     */
    static List<DownloadJob> page(List<DownloadJob> jobs, int offset, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("negative count " + count);
        }
        List<DownloadJob> page = new ArrayList<>();
        if (offset >= 0) {
            for (int i = offset; i < jobs.size() && page.size() < count; i++) {
                page.add(jobs.get(i));
            }
        } else {
            for (int i = jobs.size() + offset; i >= 0 && page.size() < count; i--) {
                if (i < jobs.size()) {
                    page.add(jobs.get(i));
                }
            }
        }
        return page;
    }
}
