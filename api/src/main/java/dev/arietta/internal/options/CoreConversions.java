package dev.arietta.internal.options;

import dev.arietta.FileAllocation;
import dev.arietta.Option;
import dev.arietta.Options;
import dev.arietta.core.internal.hash.ExpectedChecksum;
import dev.arietta.core.internal.storage.AllocationMode;
import java.util.Optional;

/**
 * Option values as core's internal types, for the engine. The public option types stay free of
 * internal classes; these conversions go through core's own parsers, so the two cannot drift.
 * Stateless.
 */
public final class CoreConversions {

    private CoreConversions() {
    }

    /** The storage allocation mode of a {@code file-allocation} value. */
    public static AllocationMode allocationMode(FileAllocation allocation) {
        return AllocationMode.fromOptionValue(allocation.optionValue());
    }

    /** The expected whole-file checksum, if {@code checksum} is set (the value was checked when set). */
    public static Optional<ExpectedChecksum> checksum(Options options) {
        return options.find(Option.CHECKSUM).map(ExpectedChecksum::parse);
    }
}
