package dev.arietta.internal.options;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arietta.FileAllocation;
import dev.arietta.Options;
import dev.arietta.core.internal.hash.ExpectedChecksum;
import dev.arietta.core.internal.hash.HashAlgorithm;
import dev.arietta.core.internal.storage.AllocationMode;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CoreConversionsTest {

    @ParameterizedTest
    @EnumSource(FileAllocation.class)
    void everyFileAllocationHasTheCoreModeOfTheSameName(FileAllocation allocation) {
        AllocationMode mode = CoreConversions.allocationMode(allocation);
        assertEquals(allocation.name(), mode.name());
        assertEquals(allocation.optionValue(), mode.optionValue());
    }

    @Test
    void checksumIsParsedByCore() {
        assertEquals(Optional.empty(), CoreConversions.checksum(Options.empty()));
        ExpectedChecksum checksum = CoreConversions.checksum(
                Options.of("checksum", "SHA-1=0192BA11326FE2298C8CB4DE616F4D4140213838")).orElseThrow();
        assertEquals(HashAlgorithm.SHA_1, checksum.algorithm());
        assertArrayEquals(HexFormat.of().parseHex("0192ba11326fe2298c8cb4de616f4d4140213838"), checksum.digest());
    }
}
