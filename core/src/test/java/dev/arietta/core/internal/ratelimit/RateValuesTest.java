package dev.arietta.core.internal.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arietta.core.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateValuesTest {

    @ParameterizedTest
    @CsvSource({
            "0, 0", "1024, 1024", "1, 1", "1K, 1024", "500K, 512000", "500k, 512000", "1M, 1048576", "3m, 3145728",
            "0K, 0", "007, 7", "9223372036854775807, 9223372036854775807", "9007199254740991K, 9223372036854774784",
            "8796093022207M, 9223372036853727232"
    })
    void parsesAria2Values(String value, long bytesPerSecond) {
        assertEquals(bytesPerSecond, RateValues.parseBytesPerSecond(value));
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = {
            "''                     | EMPTY",
            "K                      | EMPTY",
            "m                      | EMPTY",
            "1G                     | UNKNOWN_UNIT",
            "1KB                    | UNKNOWN_UNIT",
            "10x                    | UNKNOWN_UNIT",
            "1Mx                    | UNKNOWN_UNIT",
            "-1                     | NOT_A_NUMBER",
            "+1                     | NOT_A_NUMBER",
            "1.5M                   | NOT_A_NUMBER",
            "' 1M'                  | NOT_A_NUMBER",
            "'1M '                  | NOT_A_NUMBER",
            "1 M                    | NOT_A_NUMBER",
            "1_000                  | NOT_A_NUMBER",
            "0x10                   | NOT_A_NUMBER",
            "1KK                    | NOT_A_NUMBER",
            "\u0661\u0662           | NOT_A_NUMBER",
            "1\uFF10                | NOT_A_NUMBER",
            "9223372036854775808    | TOO_LARGE",
            "99999999999999999999   | TOO_LARGE",
            "9007199254740992K      | TOO_LARGE",
            "8796093022208M         | TOO_LARGE"
    })
    void rejectsBadValuesWithTheExactReason(String value, RateFormatException.Reason reason) {
        RateFormatException e = assertThrows(RateFormatException.class, () -> RateValues.parseBytesPerSecond(value));
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(ErrorCode.BAD_OPTION, e.errorCode());
    }
}
