package dev.arietta.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arietta.http.internal.transfer.FetchResponse;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which raw name a download gets, before the storage layer sanitizes and contains it. */
class FileNamesTest {

    @ParameterizedTest(name = "{0} | {1} | {2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        // out            | Content-Disposition name | URL                              | chosen
        "NONE             | NONE                     | http://h/dir/file.iso            | file.iso",
        "NONE             | NONE                     | http://h/a%20b%2Fc.txt            | a b_c.txt",
        "NONE             | NONE                     | http://h/%E2%82%AC.txt           | €.txt",
        "NONE             | NONE                     | http://h/                        | index.html",
        "NONE             | NONE                     | http://h                         | index.html",
        "NONE             | NONE                     | http://h/dir/..                  | index.html",
        "NONE             | report.pdf               | http://h/download?id=1           | report.pdf",
        "NONE             | ../../etc/passwd         | http://h/x                       | passwd",
        "NONE             | C:\\windows\\evil.dll    | http://h/x                       | evil.dll",
        "NONE             | ..                       | http://h/real.bin                | real.bin",
        "NONE             | dir/                     | http://h/real.bin                | real.bin",
        "sub/name.bin     | report.pdf               | http://h/x                       | sub/name.bin",
        "sub\\win.bin     | NONE                     | http://h/x                       | sub/win.bin",
    })
    void choosesOutThenDispositionThenUrlThenIndexHtml(String out, String disposition, String url, String chosen) {
        FetchResponse response = new FetchResponse(URI.create(url), 10, true, Optional.ofNullable(disposition));
        assertEquals(chosen, FileNames.choose(out == null ? null : Path.of(out), response));
    }
}
