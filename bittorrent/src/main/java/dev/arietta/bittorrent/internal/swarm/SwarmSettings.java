package dev.arietta.bittorrent.internal.swarm;

import dev.arietta.core.internal.storage.AllocationMode;
import dev.arietta.core.internal.storage.ExistingFilePolicy;
import dev.arietta.core.internal.storage.Storage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How one torrent's {@link Swarm} runs: where its files go and aria2's per-download BitTorrent
 * options, already parsed. Immutable; make one with {@link #builder(Path)}.
 *
 * <p>Fields marked <em>live</em> can be changed on a running swarm ({@link Swarm#setMaxPeers},
 * {@link Swarm#setMaxUploadLimit}, {@link Swarm#setMaxDownloadLimit}, {@link Swarm#setSeedRatio},
 * {@link Swarm#setSeedTime}); the others are read once when the swarm starts.
 *
 * @param directory          aria2's {@code dir}: a single-file torrent's file, or a multi-file
 *                           torrent's top directory (its {@code name}), goes here
 * @param existingFiles      what to do with files that exist without resume state
 *                           ({@code allow-overwrite}, {@code auto-file-renaming})
 * @param allocation         {@code file-allocation}; default {@link AllocationMode#PREALLOC}
 * @param diskCacheBytes     {@code disk-cache} share of this torrent in bytes, 0 for none; default
 *                           0: pieces are written whole once verified, so a write-back cache
 *                           only helps the blocks of pieces spilled to disk before they were
 *                           complete (see {@link Storage.Builder#cacheBytes})
 * @param selectedFiles      {@code select-file} as 0-based file indexes (torrent order, padding
 *                           files included in the numbering); empty selects every file
 * @param maxPeers           <em>live</em> {@code bt-max-peers}: most connections, incoming and
 *                           outgoing together; default {@value #DEFAULT_MAX_PEERS}; 0 for no limit
 * @param maxUploadLimit     <em>live</em> {@code max-upload-limit} in bytes per second, 0 unlimited
 * @param maxDownloadLimit   <em>live</em> {@code max-download-limit} in bytes per second, 0 unlimited
 * @param seedRatio          <em>live</em> {@code seed-ratio}: seeding ends when uploaded bytes
 *                           reach this multiple of the selected length; default
 *                           {@value #DEFAULT_SEED_RATIO}; 0 for no ratio limit
 * @param seedTime           <em>live</em> {@code seed-time}: seeding ends after this long; empty
 *                           for no time limit (the default); zero ends seeding at once
 * @param checkIntegrity     {@code check-integrity}: hash every piece on disk when starting,
 *                           instead of trusting the resume state (and use existing files without
 *                           resume state); default false
 * @param hashCheckSeed      {@code bt-hash-check-seed}: when the start-up check finds the payload
 *                           complete, seed it (true, the default) or finish at once (false)
 * @param extraTrackers      {@code bt-tracker}: announce URLs added as tiers of their own
 * @param excludedTrackers   {@code bt-exclude-tracker}: announce URLs removed ({@code *} removes all)
 * @param webSeeds           BEP 19 web seeds given when adding, used with the torrent's
 *                           {@code url-list}
 * @param uploadSlots        peers unchoked at once, the optimistic unchoke included; default
 *                           {@value #DEFAULT_UPLOAD_SLOTS} (BEP 3's four)
 * @param resumeSaveInterval longest time between resume state saves while pieces are being
 *                           verified; default 2 s; zero saves only when the swarm stops (as
 *                           aria2's {@code auto-save-interval=0})
 */
public record SwarmSettings(Path directory, ExistingFilePolicy existingFiles, AllocationMode allocation,
        long diskCacheBytes, Set<Integer> selectedFiles, int maxPeers, long maxUploadLimit, long maxDownloadLimit,
        double seedRatio, Optional<Duration> seedTime, boolean checkIntegrity, boolean hashCheckSeed,
        List<String> extraTrackers, List<String> excludedTrackers, List<URI> webSeeds, int uploadSlots,
        Duration resumeSaveInterval) {

    /** Default {@link #maxPeers()}: 55, aria2's {@code bt-max-peers}. */
    public static final int DEFAULT_MAX_PEERS = 55;
    /** Default {@link #seedRatio()}: 1.0, aria2's {@code seed-ratio}. */
    public static final double DEFAULT_SEED_RATIO = 1.0;
    /** Default {@link #uploadSlots()}: 4, BEP 3's fixed number of unchoked peers. */
    public static final int DEFAULT_UPLOAD_SLOTS = 4;
    /** Default {@link #resumeSaveInterval()}: 2 s. */
    public static final Duration DEFAULT_RESUME_SAVE_INTERVAL = Duration.ofSeconds(2);

    /** @throws IllegalArgumentException for a negative count, rate, ratio or duration */
    public SwarmSettings {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(existingFiles, "existingFiles");
        Objects.requireNonNull(allocation, "allocation");
        selectedFiles = Set.copyOf(new TreeSet<>(selectedFiles));
        Objects.requireNonNull(seedTime, "seedTime");
        extraTrackers = List.copyOf(extraTrackers);
        excludedTrackers = List.copyOf(excludedTrackers);
        webSeeds = List.copyOf(webSeeds);
        Objects.requireNonNull(resumeSaveInterval, "resumeSaveInterval");
        if (diskCacheBytes < 0 || diskCacheBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("disk cache of " + diskCacheBytes + " bytes");
        }
        for (int index : selectedFiles) {
            if (index < 0) {
                throw new IllegalArgumentException("negative file index " + index + " in select-file");
            }
        }
        checkMaxPeers(maxPeers);
        checkRate(maxUploadLimit);
        checkRate(maxDownloadLimit);
        checkSeedRatio(seedRatio);
        seedTime.ifPresent(SwarmSettings::checkSeedTime);
        if (uploadSlots < 1) {
            throw new IllegalArgumentException("upload slots must be at least 1, not " + uploadSlots);
        }
        if (resumeSaveInterval.isNegative()) {
            throw new IllegalArgumentException("negative resume save interval " + resumeSaveInterval);
        }
    }

    /** A builder with every default, saving into {@code directory}. */
    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Whether file {@code index} is selected ({@link #selectedFiles()} empty selects all). */
    public boolean isSelected(int index) {
        return selectedFiles.isEmpty() || selectedFiles.contains(index);
    }

    static void checkMaxPeers(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative bt-max-peers " + value);
        }
    }

    static void checkRate(long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("negative rate " + bytesPerSecond + " bytes/s");
        }
    }

    static void checkSeedRatio(double ratio) {
        if (!(ratio >= 0) || Double.isInfinite(ratio)) {
            throw new IllegalArgumentException("seed-ratio must be a finite number of 0 or more, not " + ratio);
        }
    }

    static void checkSeedTime(Duration time) {
        if (time.isNegative()) {
            throw new IllegalArgumentException("negative seed-time " + time);
        }
    }

    /** Builds {@link SwarmSettings}; each setter's Javadoc on the record component states the default. Not thread-safe. */
    public static final class Builder {
        private Path directory;
        private ExistingFilePolicy existingFiles = ExistingFilePolicy.defaults();
        private AllocationMode allocation = AllocationMode.PREALLOC;
        private long diskCacheBytes;
        private Set<Integer> selectedFiles = Set.of();
        private int maxPeers = DEFAULT_MAX_PEERS;
        private long maxUploadLimit;
        private long maxDownloadLimit;
        private double seedRatio = DEFAULT_SEED_RATIO;
        private Optional<Duration> seedTime = Optional.empty();
        private boolean checkIntegrity;
        private boolean hashCheckSeed = true;
        private List<String> extraTrackers = List.of();
        private List<String> excludedTrackers = List.of();
        private List<URI> webSeeds = List.of();
        private int uploadSlots = DEFAULT_UPLOAD_SLOTS;
        private Duration resumeSaveInterval = DEFAULT_RESUME_SAVE_INTERVAL;

        private Builder(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
        }

        private Builder(SwarmSettings settings) {
            this.directory = settings.directory;
            this.existingFiles = settings.existingFiles;
            this.allocation = settings.allocation;
            this.diskCacheBytes = settings.diskCacheBytes;
            this.selectedFiles = settings.selectedFiles;
            this.maxPeers = settings.maxPeers;
            this.maxUploadLimit = settings.maxUploadLimit;
            this.maxDownloadLimit = settings.maxDownloadLimit;
            this.seedRatio = settings.seedRatio;
            this.seedTime = settings.seedTime;
            this.checkIntegrity = settings.checkIntegrity;
            this.hashCheckSeed = settings.hashCheckSeed;
            this.extraTrackers = settings.extraTrackers;
            this.excludedTrackers = settings.excludedTrackers;
            this.webSeeds = settings.webSeeds;
            this.uploadSlots = settings.uploadSlots;
            this.resumeSaveInterval = settings.resumeSaveInterval;
        }

        public Builder directory(Path value) {
            this.directory = Objects.requireNonNull(value, "directory");
            return this;
        }

        public Builder existingFiles(ExistingFilePolicy value) {
            this.existingFiles = value;
            return this;
        }

        public Builder allocation(AllocationMode value) {
            this.allocation = value;
            return this;
        }

        public Builder diskCacheBytes(long value) {
            this.diskCacheBytes = value;
            return this;
        }

        public Builder selectedFiles(Set<Integer> value) {
            this.selectedFiles = value;
            return this;
        }

        public Builder maxPeers(int value) {
            this.maxPeers = value;
            return this;
        }

        public Builder maxUploadLimit(long value) {
            this.maxUploadLimit = value;
            return this;
        }

        public Builder maxDownloadLimit(long value) {
            this.maxDownloadLimit = value;
            return this;
        }

        public Builder seedRatio(double value) {
            this.seedRatio = value;
            return this;
        }

        public Builder seedTime(Optional<Duration> value) {
            this.seedTime = value;
            return this;
        }

        public Builder checkIntegrity(boolean value) {
            this.checkIntegrity = value;
            return this;
        }

        public Builder hashCheckSeed(boolean value) {
            this.hashCheckSeed = value;
            return this;
        }

        public Builder extraTrackers(List<String> value) {
            this.extraTrackers = value;
            return this;
        }

        public Builder excludedTrackers(List<String> value) {
            this.excludedTrackers = value;
            return this;
        }

        public Builder webSeeds(List<URI> value) {
            this.webSeeds = value;
            return this;
        }

        public Builder uploadSlots(int value) {
            this.uploadSlots = value;
            return this;
        }

        public Builder resumeSaveInterval(Duration value) {
            this.resumeSaveInterval = value;
            return this;
        }

        /** @throws IllegalArgumentException if a value is out of range (see the record's constructor) */
        public SwarmSettings build() {
            return new SwarmSettings(directory, existingFiles, allocation, diskCacheBytes, selectedFiles, maxPeers,
                    maxUploadLimit, maxDownloadLimit, seedRatio, seedTime, checkIntegrity, hashCheckSeed,
                    extraTrackers, excludedTrackers, webSeeds, uploadSlots, resumeSaveInterval);
        }
    }
}
