package dev.arietta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arietta.core.ErrorCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tables of accepted and refused values, one row per syntax case. */
class OptionValuesTest {

    /** name | given text | aria2 text form stored. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', emptyValue = "", textBlock = """
            split                      | 8                         | 8
            split                      | '  8\t'                   | 8
            split                      | 1                         | 1
            split                      | 2147483647                | 2147483647
            split                      | 007                       | 7
            max-connection-per-server  | 64                        | 64
            max-tries                  | 0                         | 0
            timeout                    | 600                       | 600
            retry-wait                 | 0                         | 0
            min-split-size             | 1M                        | 1048576
            min-split-size             | 1m                        | 1048576
            min-split-size             | 1024K                     | 1048576
            min-split-size             | 1048576                   | 1048576
            min-split-size             | 1024M                     | 1073741824
            min-split-size             | 1G                        | 1073741824
            piece-length               | 4M                        | 4194304
            disk-cache                 | 0                         | 0
            disk-cache                 | 64k                       | 65536
            max-download-limit         | 0                         | 0
            max-download-limit         | 1K                        | 1024
            max-download-limit         | 500k                      | 512000
            max-download-limit         | 2g                        | 2147483648
            max-overall-download-limit | 9223372036854775807       | 9223372036854775807
            continue                   | true                      | true
            continue                   | false                     | false
            file-allocation            | falloc                    | falloc
            uri-selector               | inorder                   | inorder
            stream-piece-selector      | geom                      | geom
            log-level                  | warn                      | warn
            proxy-method               | tunnel                    | tunnel
            ftp-type                   | ascii                     | ascii
            min-tls-version            | TLSv1.3                   | TLSv1.3
            checksum                   | SHA-1=0192BA11326FE2298C8CB4DE616F4D4140213838 | sha-1=0192ba11326fe2298c8cb4de616f4d4140213838
            checksum                   | md5=d41d8cd98f00b204e9800998ecf8427e | md5=d41d8cd98f00b204e9800998ecf8427e
            gid                        | 2089B05ECCA3D829          | 2089b05ecca3d829
            header                     | X-A: b78                  | X-A: b78
            header                     | 'X-Empty:'                | 'X-Empty:'
            user-agent                 | Mozilla/5.0 (X11; Linux)  | Mozilla/5.0 (X11; Linux)
            referer                    | *                         | *
            http-passwd                | 'p@ss word'               | 'p@ss word'
            http-proxy                 | http://proxy:3128         | http://proxy:3128
            https-proxy                | https://u:p@[::1]:8443/   | https://u:p@[::1]:8443/
            all-proxy                  | proxy.example             | proxy.example
            ftp-proxy                  | ''                        | ''
            no-proxy                   | 'localhost, .example.org,,10.0.0.0/8' | 'localhost,.example.org,10.0.0.0/8'
            no-proxy                   | ''                        | ''
            dir                        | /tmp/downloads            | /tmp/downloads
            out                        | sub/file.iso              | sub/file.iso
            log                        | ''                        | ''
            log                        | -                         | -
            input-file                 | -                         | -
            """)
    void acceptedValues(String name, String text, String stored) {
        Options options = Options.of(name, text);
        assertEquals(stored, options.asStringMap().get(name));
    }

    /** name | given text | exact message. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', emptyValue = "", textBlock = """
            split              | x          | split: expected an integer 1..*, got "x"
            split              | 0          | split: expected an integer 1..*, got "0"
            split              | -1         | split: expected an integer 1..*, got "-1"
            split              | +5         | split: expected an integer 1..*, got "+5"
            split              | 1 000      | split: expected an integer 1..*, got "1 000"
            split              | 2147483648 | split: expected an integer 1..*, got "2147483648"
            split              | 99999999999999999999 | split: expected an integer 1..*, got "99999999999999999999"
            split              | ''         | split: expected an integer 1..*, got ""
            split              | ５         | split: expected an integer 1..*, got "５"
            max-tries          | -          | max-tries: expected an integer 0..*, got "-"
            timeout            | 601        | timeout: expected whole seconds 1..600, got "601"
            timeout            | 0          | timeout: expected whole seconds 1..600, got "0"
            timeout            | 1.5        | timeout: expected whole seconds 1..600, got "1.5"
            min-split-size     | 1023K      | min-split-size: expected a size in bytes 1M..1G (suffix K, M or G), got "1023K"
            min-split-size     | 2G         | min-split-size: expected a size in bytes 1M..1G (suffix K, M or G), got "2G"
            min-split-size     | 1.5M       | min-split-size: expected a size in bytes 1M..1G (suffix K, M or G), got "1.5M"
            min-split-size     | 1T         | min-split-size: expected a size in bytes 1M..1G (suffix K, M or G), got "1T"
            min-split-size     | 1MG        | min-split-size: expected a size in bytes 1M..1G (suffix K, M or G), got "1MG"
            min-split-size     | G          | min-split-size: expected a size in bytes 1M..1G (suffix K, M or G), got "G"
            min-split-size     | M          | min-split-size: expected a size in bytes 1M..1G (suffix K, M or G), got "M"
            max-download-limit | -1         | max-download-limit: expected a speed in bytes/s 0..* (suffix K, M or G), got "-1"
            max-download-limit | 1 M        | max-download-limit: expected a speed in bytes/s 0..* (suffix K, M or G), got "1 M"
            max-download-limit | 9223372036854775808 | max-download-limit: expected a speed in bytes/s 0..* (suffix K, M or G), got "9223372036854775808" (exceeds 9223372036854775807)
            max-download-limit | 9000000000G | max-download-limit: expected a speed in bytes/s 0..* (suffix K, M or G), got "9000000000G" (exceeds 9223372036854775807)
            socket-recv-buffer-size | 17M | socket-recv-buffer-size: expected a size in bytes 0..16M (suffix K, M or G), got "17M"
            continue           | yes        | continue: expected true or false, got "yes"
            continue           | TRUE       | continue: expected true or false, got "TRUE"
            continue           | 1          | continue: expected true or false, got "1"
            continue           | ''         | continue: expected true or false, got ""
            file-allocation    | PREALLOC   | file-allocation: expected one of none, prealloc, trunc, falloc, got "PREALLOC"
            min-tls-version    | TLSv1.0    | min-tls-version: expected one of TLSv1.1, TLSv1.2, TLSv1.3, got "TLSv1.0"
            uri-selector       | fastest    | uri-selector: expected one of inorder, feedback, adaptive, got "fastest"
            checksum           | sha-256=abc | checksum: expected TYPE=HEXDIGEST with TYPE one of md5, sha-1, sha-224, sha-256, sha-384, sha-512, got "sha-256=abc" (sha-256 digest needs 64 hex digits, got 3)
            checksum           | crc32=00   | checksum: expected TYPE=HEXDIGEST with TYPE one of md5, sha-1, sha-224, sha-256, sha-384, sha-512, got "crc32=00" (unknown checksum type 'crc32'; expected one of md5, sha-1, sha-224, sha-256, sha-384, sha-512)
            checksum           | md5        | checksum: expected TYPE=HEXDIGEST with TYPE one of md5, sha-1, sha-224, sha-256, sha-384, sha-512, got "md5" (checksum 'md5' is not TYPE=HEXDIGEST)
            gid                | 0000000000000000 | gid: expected 16 hex digits, not all zero, got "0000000000000000" (gid 0 is reserved)
            gid                | 2089b05ecca3d82  | gid: expected 16 hex digits, not all zero, got "2089b05ecca3d82"
            gid                | 2089b05ecca3d82g | gid: expected 16 hex digits, not all zero, got "2089b05ecca3d82g"
            header             | NoColon    | header: expected an HTTP header "Name: value" (may be given several times), got "NoColon" (no header name before ':')
            header             | ': x'      | header: expected an HTTP header "Name: value" (may be given several times), got ": x" (no header name before ':')
            header             | 'Bad Name: x' | header: expected an HTTP header "Name: value" (may be given several times), got "Bad Name: x" (header name has character U+0020 at index 3)
            header             | ''         | header: expected an HTTP header "Name: value" (may be given several times), got "" (empty element)
            http-proxy         | socks5://h:1080 | 'http-proxy: expected a proxy [http://|https://][USER:PASSWORD@]HOST[:PORT], or empty for none, got "socks5://h:1080" (unsupported proxy scheme ''socks5'' (only http and https proxies are supported))'
            http-proxy         | http://user:secret@h:99999 | 'http-proxy: expected a proxy [http://|https://][USER:PASSWORD@]HOST[:PORT], or empty for none, got "http://user:***@h:99999" (proxy port out of range: 99999)'
            all-proxy          | user:secret@:80 | 'all-proxy: expected a proxy [http://|https://][USER:PASSWORD@]HOST[:PORT], or empty for none, got "user:***@:80" (no proxy host)'
            no-proxy           | 10.0.0.0/99 | no-proxy: expected a comma-separated list of host names, domains, addresses and CIDR blocks, got "10.0.0.0/99" (CIDR prefix /99 too long in '10.0.0.0/99')
            dir                | ''         | dir: expected a non-empty path, got ""
            """)
    void refusedValues(String name, String text, String message) {
        OptionException e = assertThrows(OptionException.class, () -> Options.of(name, text));
        assertEquals(message, e.getMessage());
        assertEquals(name, e.optionName());
        assertEquals(ErrorCode.BAD_OPTION, e.errorCode());
    }

    @Test
    void controlCharactersAreRefusedWithoutEchoingSecrets() {
        OptionException secret = assertThrows(OptionException.class, () -> Options.of("http-passwd", "a\u0001b"));
        assertEquals("http-passwd: expected text without control characters, got \"***\" (control character U+0001"
                + " at index 1)", secret.getMessage());
        OptionException agent = assertThrows(OptionException.class, () -> Options.of("user-agent", "a\r\nX-Evil: 1"));
        assertEquals("user-agent: expected text without control characters, got \"a\\r\\nX-Evil: 1\" (control"
                + " character U+000D at index 1)", agent.getMessage());
        OptionException path = assertThrows(OptionException.class, () -> Options.of("dir", "a\u0000b"));
        assertEquals("dir: expected a non-empty path, got \"a\\u0000b\" (control character U+0000 at index 1)",
                path.getMessage());
        OptionException header = assertThrows(OptionException.class,
                () -> Options.of("header", "Authorization: Bearer tok\u0007en"));
        assertEquals("header: expected an HTTP header \"Name: value\" (may be given several times), got"
                + " \"Authorization: ***\" (control character U+0007 at index 25)", header.getMessage());
    }

    @Test
    void longValuesAreShortenedInMessages() {
        String huge = "x".repeat(100_000);
        OptionException e = assertThrows(OptionException.class, () -> Options.of("split", huge));
        assertEquals("split: expected an integer 1..*, got \"" + "x".repeat(80) + "…\"", e.getMessage());
    }

    @Test
    void unknownNameIsRefused() {
        OptionException e = assertThrows(OptionException.class, () -> Options.of("max-connections", "4"));
        assertEquals("unknown option \"max-connections\"", e.getMessage());
        assertEquals("max-connections", e.optionName());
    }

    @Test
    void javaValuesAreCheckedLikeText() {
        assertEquals("split: expected an integer 1..*, got \"0\"",
                assertThrows(OptionException.class, () -> Options.builder().set(Option.SPLIT, 0)).getMessage());
        assertEquals("timeout: expected whole seconds 1..600, got \"1.5\" (not a whole number of seconds)",
                assertThrows(OptionException.class,
                        () -> Options.builder().set(Option.TIMEOUT, Duration.ofMillis(1500))).getMessage());
        assertEquals("timeout: expected whole seconds 1..600, got \"0\"",
                assertThrows(OptionException.class,
                        () -> Options.builder().set(Option.TIMEOUT, Duration.ZERO)).getMessage());
        assertEquals("min-split-size: expected a size in bytes 1M..1G (suffix K, M or G), got \"1024\"",
                assertThrows(OptionException.class,
                        () -> Options.builder().set(Option.MIN_SPLIT_SIZE, 1024L)).getMessage());
        assertEquals("header: expected an HTTP header \"Name: value\" (may be given several times), got"
                        + " \"A: b\\nEvil: x\" (control character U+000A at index 4)",
                assertThrows(OptionException.class,
                        () -> Options.builder().set(Option.HEADER, List.of("A: b\nEvil: x"))).getMessage());
        assertEquals("header: expected an HTTP header \"Name: value\" (may be given several times), got \"\""
                        + " (no elements)",
                assertThrows(OptionException.class,
                        () -> Options.builder().set(Option.HEADER, List.of())).getMessage());
        assertEquals("no-proxy: expected a comma-separated list of host names, domains, addresses and CIDR blocks,"
                        + " got \"a,b\" (element contains ',')",
                assertThrows(OptionException.class,
                        () -> Options.builder().set(Option.NO_PROXY, List.of("a,b"))).getMessage());
        assertEquals("dir: expected a non-empty path, got \"\"",
                assertThrows(OptionException.class, () -> Options.builder().set(Option.DIR, Path.of("")))
                        .getMessage());
    }

    @Test
    void javaValuesAreStoredInCanonicalForm() {
        Options options = Options.builder()
                .set(Option.GID, "ABCDEF0123456789")
                .set(Option.CHECKSUM, "SHA-1=0192BA11326FE2298C8CB4DE616F4D4140213838")
                .set(Option.HEADER, List.of("  X-A: b  "))
                .set(Option.TIMEOUT, Duration.ofSeconds(30))
                .build();
        assertEquals("abcdef0123456789", options.get(Option.GID));
        assertEquals("sha-1=0192ba11326fe2298c8cb4de616f4d4140213838", options.get(Option.CHECKSUM));
        assertEquals(List.of("X-A: b"), options.get(Option.HEADER));
        assertEquals(Duration.ofSeconds(30), options.get(Option.TIMEOUT));
    }
}
