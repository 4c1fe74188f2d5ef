package dev.arietta.internal.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.Option;
import dev.arietta.OptionException;
import dev.arietta.core.ErrorCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandLineTest {

    /**
     * Arguments separated by spaces | options set, as name=value;… | downloads, as [uri, uri] [uri].
     * The first rows are the aria2c manual's examples.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            http://host/file.zip                                     |                                                  | [http://host/file.zip]
            http://host/file.zip http://mirror/file.zip              |                                                  | [http://host/file.zip, http://mirror/file.zip]
            -x2 -k1M http://host/file.zip                            | max-connection-per-server=2;min-split-size=1048576 | [http://host/file.zip]
            http://host1/file.zip ftp://host2/file.zip               |                                                  | [http://host1/file.zip, ftp://host2/file.zip]
            -ifiles.txt -j2                                          | input-file=files.txt;max-concurrent-downloads=2  |
            --http-proxy=http://proxy:8080 http://host/file          | http-proxy=http://proxy:8080                     | [http://host/file]
            --http-proxy=http://proxy:8080 --no-proxy=localhost,127.0.0.1,192.168.0.0/16 http://host/file | http-proxy=http://proxy:8080;no-proxy=localhost,127.0.0.1,192.168.0.0/16 | [http://host/file]
            --ftp-proxy=http://proxy:8080 ftp://host/file            | ftp-proxy=http://proxy:8080                      | [ftp://host/file]
            --http-proxy=http://username:password@proxy:8080 http://host/file | http-proxy=http://username:password@proxy:8080 | [http://host/file]
            --http-proxy=http://proxy:8080 --http-proxy-user=username --http-proxy-passwd=password http://host/file | http-proxy=http://proxy:8080;http-proxy-user=username;http-proxy-passwd=password | [http://host/file]
            -p --lowest-speed-limit=4000 file.metalink               | lowest-speed-limit=4000;ftp-pasv=true            | [file.metalink]
            -j2 file1.metalink file2.metalink                        | max-concurrent-downloads=2                       | [file1.metalink] [file2.metalink]
            --max-upload-limit=40K file.torrent                      | max-upload-limit=40960                           | [file.torrent]
            magnet:?xt=urn:btih:248D0A1CD08284299DE78D5C1ED359BB46717D8C&dn=aria2 |                               | [magnet:?xt=urn:btih:248D0A1CD08284299DE78D5C1ED359BB46717D8C&dn=aria2]
            -j2 file1.torrent file2.torrent                          | max-concurrent-downloads=2                       | [file1.torrent] [file2.torrent]
            --load-cookies=cookies.txt http://host/file.zip          | load-cookies=cookies.txt                         | [http://host/file.zip]
            -Z http://a/1 http://b/2                                 | force-sequential=true                            | [http://a/1] [http://b/2]
            --force-sequential=true http://a/1 ftp://b/2             | force-sequential=true                            | [http://a/1] [ftp://b/2]
            http://a/1 magnet:?xt=urn:btih:x file.torrent HTTPS://b/1 SFTP://c/1 |                                   | [http://a/1, HTTPS://b/1, SFTP://c/1] [magnet:?xt=urn:btih:x] [file.torrent]
            -d /tmp -o out.iso -s 4 -m 3 -t 10 -U agent -l log.txt http://a | dir=/tmp;out=out.iso;log=log.txt;split=4;max-tries=3;timeout=10;user-agent=agent | [http://a]
            -c -V -q -R -n http://a                                  | quiet=true;continue=true;check-integrity=true;remote-time=true;no-netrc=true | [http://a]
            -d/tmp -s16 -x64 http://a                                | dir=/tmp;split=16;max-connection-per-server=64   | [http://a]
            --dir /tmp --split 8 http://a                            | dir=/tmp;split=8                                 | [http://a]
            http://a --dir=/tmp -- -d x                              | dir=/tmp                                         | [http://a] [-d] [x]
            --continue http://a                                      | continue=true                                    | [http://a]
            --continue=false http://a                                | continue=false                                   | [http://a]
            -cfalse -Vtrue http://a                                  | continue=false;check-integrity=true              | [http://a]
            -V false                                                 | check-integrity=true                             | [false]
            --header=X-A:1 --header X-B:2 http://a                   | header=X-A:1\\nX-B:2                             | [http://a]
            -s2 -s3 --split=4 -s5 http://a                           | split=5                                          | [http://a]
            --http-proxy= http://a                                   | http-proxy=                                      | [http://a]
            -vq                                                      | quiet=true                                       |
            -S file.torrent -T other.torrent                         | torrent-file=other.torrent;show-files=true       | [file.torrent]
            -                                                        |                                                  | [-]
            """)
    void parsesAria2cCommandLines(String arguments, String expectedOptions, String expectedGroups) {
        ParsedCommandLine parsed = CommandLine.parse(split(arguments));
        assertEquals(expectedOptions == null ? "" : expectedOptions, render(parsed.options().asStringMap()));
        assertEquals(expectedGroups == null ? "" : expectedGroups, render(parsed.uriGroups()));
    }

    /** Arguments | option or flag named | exact message. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            --foo http://a        | --foo            | unknown option "--foo"
            --cont http://a       | --cont           | unknown option "--cont"
            -y                    | -y               | unknown option "-y"
            -W file.torrent       | -W               | unknown option "-W"
            -T                    | torrent-file     | option "-T" requires a value (a non-empty path)
            -x4y                  | max-connection-per-server | max-connection-per-server: expected an integer 1..*, got "4y"
            --dir                 | dir              | option "--dir" requires a value (a non-empty path)
            -d                    | dir              | option "-d" requires a value (a non-empty path)
            http://a -s           | split            | option "-s" requires a value (an integer 1..*)
            -s x http://a         | split            | split: expected an integer 1..*, got "x"
            --split=0 http://a    | split            | split: expected an integer 1..*, got "0"
            --continue=yes        | continue         | continue: expected true or false, got "yes"
            -Zx2 http://a         | force-sequential | force-sequential: expected true or false, got "x2"
            -cV http://a          | continue         | continue: expected true or false, got "V"
            --version=1           | --version        | option "--version" takes no value
            -k 2G http://a        | min-split-size   | min-split-size: expected a size in bytes 1M..1G (suffix K, M or G), got "2G"
            --dir=                | dir              | dir: expected a non-empty path, got ""
            """)
    void refusesBadCommandLines(String arguments, String optionName, String message) {
        OptionException e = assertThrows(OptionException.class, () -> CommandLine.parse(split(arguments)));
        assertEquals(optionName, e.optionName());
        assertEquals(message, e.getMessage());
        assertEquals(ErrorCode.BAD_OPTION, e.errorCode());
    }

    @Test
    void valuesWithSpacesStayWhole() {
        ParsedCommandLine parsed = CommandLine.parse(List.of("--header=X-A: b78", "--header", "X-B: 9J1",
                "-U", "Mozilla/5.0 (X11)", "http://host/file"));
        assertEquals(List.of("X-A: b78", "X-B: 9J1"), parsed.options().get(Option.HEADER));
        assertEquals("Mozilla/5.0 (X11)", parsed.options().get(Option.USER_AGENT));
        assertEquals(List.of("http://host/file"), parsed.arguments());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NONE", textBlock = """
            -h                  | true  | NONE  | false
            -h#http             | true  | #http | false
            --help              | true  | NONE  | false
            --help=split        | true  | split | false
            -v                  | false | NONE  | true
            --version           | false | NONE  | true
            -j2 http://a        | false | NONE  | false
            """)
    void reportsHelpAndVersionAsFlags(String arguments, boolean help, String topic, boolean version) {
        ParsedCommandLine parsed = CommandLine.parse(split(arguments));
        assertEquals(help, parsed.helpRequested());
        assertEquals(Optional.ofNullable(topic), parsed.helpTopic());
        assertEquals(version, parsed.versionRequested());
    }

    @Test
    void groupsInputFileLinesByTheSameRule() {
        List<String> line = List.of("http://a/x", "file.torrent", "ftp://b/x");
        assertEquals(List.of(List.of("http://a/x", "ftp://b/x"), List.of("file.torrent")),
                CommandLine.groupUris(line, false));
        assertEquals(List.of(List.of("http://a/x"), List.of("file.torrent"), List.of("ftp://b/x")),
                CommandLine.groupUris(line, true));
        assertEquals(List.of(), CommandLine.groupUris(List.of(), false));
    }

    @Test
    void helpListsEveryOptionWithinEightyColumns() {
        String help = CommandLine.help(null);
        assertTrue(help.startsWith("Usage: arietta [OPTIONS] [URI | MAGNET | TORRENT_FILE | METALINK_FILE]...\n"
                + "Options:\n -v, --version"), help);
        for (Option<?> option : Option.all()) {
            assertTrue(help.contains("--" + option.name() + (option.valueClass() == Boolean.class ? "[=true|false]"
                    : "=" + option.placeholder())), option.name());
        }
        for (String line : help.split("\n")) {
            assertTrue(line.length() <= HelpText.WIDTH, line);
        }
        assertEquals(help, CommandLine.help("#basic"));
    }

    @Test
    void helpForAKeywordListsMatchingOptions() {
        assertEquals("""
                Usage: arietta [OPTIONS] [URI | MAGNET | TORRENT_FILE | METALINK_FILE]...
                Options:
                 -m, --max-tries=N            The number of tries; 0 means unlimited.
                                              Possible values: an integer 0..*
                                              Default: 5

                """, CommandLine.help("max-tries"));
        assertEquals("""
                Usage: arietta [OPTIONS] [URI | MAGNET | TORRENT_FILE | METALINK_FILE]...
                Options:
                 -c, --continue[=true|false]  Continue a partially downloaded file that has no
                                              resume state, such as one started by a browser
                                              (HTTP and FTP only).
                                              Possible values: true or false
                                              Default: false

                """, CommandLine.help("continue"));
        String proxies = CommandLine.help("proxy-user");
        assertEquals(4, proxies.split("-proxy-user=USER", -1).length - 1, proxies);
        assertFalse(proxies.contains("--dir"));
        assertEquals("Usage: arietta [OPTIONS] [URI | MAGNET | TORRENT_FILE | METALINK_FILE]...\n"
                + "No option matches \"bogus\".\n", CommandLine.help("bogus"));
    }

    private static List<String> split(String arguments) {
        return arguments.isBlank() ? List.of() : Arrays.asList(arguments.trim().split(" +"));
    }

    private static String render(Map<String, String> options) {
        return options.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().replace("\n", "\\n"))
                .collect(Collectors.joining(";"));
    }

    private static String render(List<List<String>> groups) {
        List<String> parts = new ArrayList<>();
        groups.forEach(group -> parts.add(group.toString()));
        return String.join(" ", parts);
    }
}
