package dev.arietta.internal.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arietta.OptionException;
import dev.arietta.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionScopesTest {

    @Test
    void perDownloadOptionsPass() {
        Options options = Options.of("split", "4", "max-download-limit", "1M", "dir", "/x");
        assertSame(options, OptionScopes.requirePerDownload(options));
        assertSame(options, OptionScopes.requireChangeableForDownload(options));
        assertSame(options, OptionScopes.requireChangeableGlobally(options));
    }

    /** check | name | value | exact message. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            perDownload | max-concurrent-downloads | 3     | max-concurrent-downloads is a global option; it cannot be set for one download
            perDownload | save-session             | s.txt | save-session is a global option; it cannot be set for one download
            download    | piece-length             | 2M    | piece-length cannot be changed once the download is added
            download    | gid                      | 2089b05ecca3d829 | gid cannot be changed once the download is added
            download    | disk-cache               | 0     | disk-cache is a global option; it cannot be set for one download
            global      | out                      | x.iso | out cannot be changed while the session runs
            global      | checksum                 | md5=d41d8cd98f00b204e9800998ecf8427e | checksum cannot be changed while the session runs
            global      | disk-cache               | 0     | disk-cache cannot be changed while the session runs
            """)
    void refusesOptionsOutOfPlace(String check, String name, String value, String message) {
        Options options = Options.of("split", "2", name, value);
        OptionException e = assertThrows(OptionException.class, () -> {
            switch (check) {
                case "perDownload" -> OptionScopes.requirePerDownload(options);
                case "download" -> OptionScopes.requireChangeableForDownload(options);
                default -> OptionScopes.requireChangeableGlobally(options);
            }
        });
        assertEquals(message, e.getMessage());
        assertEquals(name, e.optionName());
    }
}
