package dev.arietta.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The numbers are aria2's exit statuses (aria2c(1), EXIT STATUS): scripts read them. */
class ErrorCodeTest {

    @ParameterizedTest(name = "{1} = {0}")
    @CsvSource({
        "0, FINISHED", "1, UNKNOWN", "2, TIMEOUT", "3, RESOURCE_NOT_FOUND", "4, MAX_FILE_NOT_FOUND",
        "5, TOO_SLOW", "6, NETWORK", "7, IN_PROGRESS", "8, CANNOT_RESUME", "9, NOT_ENOUGH_DISK_SPACE",
        "10, PIECE_LENGTH_CHANGED", "11, DUPLICATE_DOWNLOAD", "12, DUPLICATE_INFO_HASH", "13, FILE_ALREADY_EXISTS",
        "14, FILE_RENAMING_FAILED", "15, FILE_OPEN_ERROR", "16, FILE_CREATE_ERROR", "17, FILE_IO_ERROR",
        "18, DIR_CREATE_ERROR", "19, NAME_RESOLVE_ERROR", "20, METALINK_PARSE_ERROR", "21, FTP_PROTOCOL_ERROR",
        "22, HTTP_PROTOCOL_ERROR", "23, HTTP_TOO_MANY_REDIRECTS", "24, HTTP_AUTH_FAILED", "25, BENCODE_PARSE_ERROR",
        "26, BITTORRENT_PARSE_ERROR", "27, MAGNET_PARSE_ERROR", "28, BAD_OPTION", "29, HTTP_SERVICE_UNAVAILABLE",
        "30, JSON_PARSE_ERROR", "32, CHECKSUM_ERROR",
    })
    void numbersAreAria2sExitStatuses(int code, ErrorCode constant) {
        assertEquals(code, constant.code());
        assertEquals(constant, ErrorCode.ofCode(code));
    }

    @Test
    void everyConstantIsInTheTableAndThirtyOneIsReserved() {
        assertEquals(32, ErrorCode.values().length);
        assertEquals(32, Arrays.stream(ErrorCode.values()).mapToInt(ErrorCode::code).distinct().count());
        assertThrows(IllegalArgumentException.class, () -> ErrorCode.ofCode(31));
    }
}
