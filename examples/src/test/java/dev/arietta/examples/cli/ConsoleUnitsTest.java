package dev.arietta.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConsoleUnitsTest {

    @ParameterizedTest(name = "{0} bytes -> {1}")
    @CsvSource({
            "-1, 0",
            "0, 0",
            "1, 1",
            "921, 921",
            "922, 0.9Ki",
            "1023, 0.9Ki",
            "1024, 1.0Ki",
            "1536, 1.5Ki",
            "10239, 9.9Ki",
            "10240, 10Ki",
            "943103, 920Ki",
            "944128, 0.9Mi",
            "1048576, 1.0Mi",
            "419430400, 400Mi",
            "966787072, 0.9Gi",
            "1073741824, 1.0Gi",
            "117440512, 112Mi",
            "1099511627776, '1,024Gi'",
            "5497558138880, '5,120Gi'",
    })
    void abbreviatesLikeAria2(long bytes, String expected) {
        assertEquals(expected, ConsoleUnits.abbreviate(bytes));
    }

    @ParameterizedTest(name = "{0} s -> {1}")
    @CsvSource({
            "0, 0s",
            "-5, 0s",
            "5, 5s",
            "59, 59s",
            "60, 1m",
            "61, 1m1s",
            "3600, 1h",
            "3601, 1h1s",
            "3723, 1h2m3s",
            "3660, 1h1m",
            "90061, 25h1m1s",
    })
    void formatsDurationsLikeAria2(long seconds, String expected) {
        assertEquals(expected, ConsoleUnits.duration(seconds));
    }

    @ParameterizedTest
    @CsvSource({"2089b0c1d2e3f405, 2089b0", "abc, abc"})
    void abbreviatesGids(String gid, String expected) {
        assertEquals(expected, ConsoleUnits.abbreviateGid(gid));
    }
}
