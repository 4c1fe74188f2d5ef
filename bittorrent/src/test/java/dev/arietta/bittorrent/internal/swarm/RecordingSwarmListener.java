package dev.arietta.bittorrent.internal.swarm;

import static org.junit.jupiter.api.Assertions.fail;

import dev.arietta.core.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records a swarm's events as text ("file 0", "download complete", "seeding finished", "error CODE message"). */
final class RecordingSwarmListener implements SwarmListener {

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    @Override
    public void onFileComplete(int fileIndex) {
        events.add("file " + fileIndex);
    }

    @Override
    public void onDownloadComplete() {
        events.add("download complete");
    }

    @Override
    public void onSeedingFinished() {
        events.add("seeding finished");
    }

    @Override
    public void onError(ErrorCode code, String message) {
        events.add("error " + code + " " + message);
    }

    /** Waits for {@code event}, skipping others (kept in {@link #seen()}); fails on an error or after the timeout. */
    synchronized void await(String event, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            long left = deadline - System.nanoTime();
            String next = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                fail("no '" + event + "' within " + timeoutSeconds + " s; seen " + seen);
            }
            seen.add(next);
            if (next.equals(event)) {
                return;
            }
            if (next.startsWith("error ") && !event.startsWith("error")) {
                fail("error while waiting for '" + event + "': " + next);
            }
        }
    }

    /** Waits for an error event and returns it. */
    synchronized String awaitError(long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            long left = deadline - System.nanoTime();
            String next = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                fail("no error within " + timeoutSeconds + " s; seen " + seen);
            }
            seen.add(next);
            if (next.startsWith("error ")) {
                return next;
            }
        }
    }

    /** Every event so far, in order (waits first drain what arrived). */
    synchronized List<String> seen() {
        events.drainTo(seen);
        return List.copyOf(seen);
    }
}
