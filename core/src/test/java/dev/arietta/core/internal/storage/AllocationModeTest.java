package dev.arietta.core.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllocationModeTest {

    @ParameterizedTest
    @CsvSource({"none, NONE", "prealloc, PREALLOC", "TRUNC, TRUNC", "Falloc, FALLOC"})
    void parsesAria2OptionValues(String value, AllocationMode mode) {
        assertEquals(mode, AllocationMode.fromOptionValue(value));
        assertEquals(value.toLowerCase(java.util.Locale.ROOT), mode.optionValue());
    }

    @Test
    void rejectsUnknownValue() {
        assertEquals("file-allocation must be none, prealloc, trunc or falloc, got \"adaptive\"",
                assertThrows(IllegalArgumentException.class, () -> AllocationMode.fromOptionValue("adaptive"))
                        .getMessage());
    }
}
