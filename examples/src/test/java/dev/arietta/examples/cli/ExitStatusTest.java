package dev.arietta.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arietta.core.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExitStatusTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("nothing", "", 0),
                Arguments.of("all completed", "OK OK", 0),
                Arguments.of("removed is not an error", "OK RM", 0),
                Arguments.of("one error", "OK ERR:3", 3),
                Arguments.of("last error wins, not the worst", "ERR:32 OK ERR:6", 6),
                Arguments.of("error after unfinished", "INPR ERR:2", 2),
                Arguments.of("unfinished only", "OK INPR", 7),
                Arguments.of("error before unfinished still wins", "ERR:13 INPR RM", 13),
                Arguments.of("error row without a code counts as unknown", "ERR:0", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void followsAria2sLastErrorRule(String name, String results, int expected) {
        assertEquals(expected, ExitStatus.of(rows(results)));
    }

    private static List<ResultRow> rows(String results) {
        List<ResultRow> rows = new ArrayList<>();
        int index = 0;
        for (String result : results.split(" ")) {
            if (result.isEmpty()) {
                continue;
            }
            String[] parts = result.split(":");
            ResultStatus status = ResultStatus.valueOf(parts[0]);
            ErrorCode code = switch (status) {
                case OK, RM -> ErrorCode.FINISHED;
                case INPR -> ErrorCode.IN_PROGRESS;
                case ERR -> ErrorCode.ofCode(Integer.parseInt(parts[1]));
            };
            rows.add(new ResultRow(String.format("%016x", index++), status, code, -1, "/x"));
        }
        return rows;
    }
}
