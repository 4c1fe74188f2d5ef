package dev.arietta.bittorrent.internal.tracker;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * aria2's {@code bt-exclude-tracker} and {@code bt-tracker} applied to a torrent's tiers, as
 * aria2 does: excluded URLs are removed first ({@code *} removes every tracker of the
 * torrent), tiers left empty are dropped, then each {@code bt-tracker} URL is appended as a tier
 * of its own, so exclusions never remove them. Stateless.
 */
public final class TrackerOptions {

    /** The {@code bt-exclude-tracker} value that excludes every tracker of the torrent. */
    public static final String EXCLUDE_ALL = "*";

    private TrackerOptions() {
    }

    /**
     * @param tiers          the torrent's BEP 12 tiers
     * @param extraTrackers  {@code bt-tracker}: URLs to add (blank entries ignored)
     * @param excludes       {@code bt-exclude-tracker}: URLs to remove, or {@code *}
     * @return the tiers to announce to; URLs appear once (first occurrence kept)
     */
    public static List<List<String>> apply(List<List<String>> tiers, List<String> extraTrackers,
            List<String> excludes) {
        Set<String> excluded = new HashSet<>();
        boolean excludeAll = false;
        for (String exclude : excludes) {
            String trimmed = exclude.trim();
            excludeAll |= trimmed.equals(EXCLUDE_ALL);
            excluded.add(trimmed);
        }
        Set<String> seen = new HashSet<>();
        List<List<String>> result = new ArrayList<>();
        if (!excludeAll) {
            for (List<String> tier : tiers) {
                List<String> kept = new ArrayList<>();
                for (String url : tier) {
                    String trimmed = url.trim();
                    if (!trimmed.isEmpty() && !excluded.contains(trimmed) && seen.add(trimmed)) {
                        kept.add(trimmed);
                    }
                }
                if (!kept.isEmpty()) {
                    result.add(List.copyOf(kept));
                }
            }
        }
        for (String url : new LinkedHashSet<>(extraTrackers)) {
            String trimmed = url.trim();
            if (!trimmed.isEmpty() && seen.add(trimmed)) {
                result.add(List.of(trimmed));
            }
        }
        return List.copyOf(result);
    }

    /** Splits an aria2 comma-separated list option value ({@code bt-tracker}, {@code bt-exclude-tracker}). */
    public static List<String> splitList(String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return List.copyOf(items);
    }
}
