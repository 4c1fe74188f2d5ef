package dev.arietta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.ErrorCode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class OptionRegistryTest {

    static Stream<Option<?>> allOptions() {
        return Option.all().stream();
    }

    @Test
    void everyConstantIsRegisteredOnce() throws IllegalAccessException {
        Set<Option<?>> constants = new HashSet<>();
        for (Field field : Option.class.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (field.getType() == Option.class && Modifier.isStatic(modifiers) && Modifier.isPublic(modifiers)) {
                constants.add((Option<?>) field.get(null));
            }
        }
        assertEquals(constants, new HashSet<>(Option.all()));
        assertEquals(constants.size(), Option.all().size());
    }

    @ParameterizedTest
    @MethodSource("allOptions")
    void everyOptionIsWellFormed(Option<?> option) {
        assertTrue(option.name().matches("[a-z0-9]+(-[a-z0-9]+)*"), option.name());
        assertSame(option, Option.forName(option.name()).orElseThrow());
        assertSame(option, Option.named(option.name()));
        assertFalse(option.description().isBlank(), option.name());
        assertFalse(option.description().contains("\n"), option.name());
        assertFalse(option.valueSyntax().isBlank(), option.name());
        assertFalse(option.placeholder().isBlank(), option.name());
        option.shortName().ifPresent(letter -> assertSame(option, Option.forShortName(letter).orElseThrow()));
        option.defaultValue().ifPresent(value -> assertTrue(option.valueClass().isInstance(value), option.name()));
        if (option.scope() == Option.Scope.GLOBAL) {
            assertTrue(option.change() != Option.Change.RESTART, option.name());
            assertEquals(option.change() == Option.Change.LIVE, option.changeableGlobally(), option.name());
        }
        assertEquals(option.name(), option.toString());
    }

    @ParameterizedTest
    @MethodSource("allOptions")
    void everyDefaultParsesFromItsTextForm(Option<?> option) {
        assertDefaultRoundTrips(option);
    }

    private static <T> void assertDefaultRoundTrips(Option<T> option) {
        Optional<T> defaultValue = option.defaultValue();
        if (defaultValue.isPresent()) {
            String text = option.format(defaultValue.get());
            assertEquals(defaultValue.get(), option.parse(text), option.name());
            assertEquals(text, option.format(option.parse(text)), option.name());
        }
    }

    /** aria2 1.36's defaults (aria2c --help=#all), in aria2's text form; Arietta's deliberate differences noted. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NONE", textBlock = """
            split                      | 5
            max-connection-per-server  | 1
            min-split-size             | 20971520
            piece-length               | 1048576
            max-concurrent-downloads   | 5
            max-tries                  | 5
            retry-wait                 | 0
            timeout                    | 60
            connect-timeout            | 60
            lowest-speed-limit         | 0
            max-file-not-found         | 0
            max-resume-failure-tries   | 0
            always-resume              | true
            uri-selector               | feedback
            stream-piece-selector      | default
            max-download-limit         | 0
            max-upload-limit           | 0
            max-overall-download-limit | 0
            max-overall-upload-limit   | 0
            continue                   | false
            check-integrity            | false
            allow-overwrite            | false
            auto-file-renaming         | true
            file-allocation            | prealloc
            no-file-allocation-limit   | 5242880
            disk-cache                 | 16777216
            auto-save-interval         | 60
            save-session-interval      | 0
            summary-interval           | 60
            log-level                  | debug
            console-log-level          | notice
            quiet                      | false
            force-sequential           | false
            ftp-pasv                   | true
            ftp-type                   | binary
            ftp-user                   | anonymous
            ftp-passwd                 | arietta@
            proxy-method               | get
            check-certificate          | true
            min-tls-version            | TLSv1.2
            http-accept-gzip           | false
            conditional-get            | false
            remote-time                | false
            enable-http-keep-alive     | true
            enable-http-pipelining     | false
            no-netrc                   | false
            max-download-result        | 1000
            user-agent                 | arietta
            dir                        | .
            out                        | NONE
            checksum                   | NONE
            header                     | NONE
            http-proxy                 | NONE
            http-passwd                | NONE
            save-session               | NONE
            ca-certificate             | NONE
            follow-metalink            | true
            metalink-preferred-protocol | none
            metalink-enable-unique-protocol | true
            metalink-location          | NONE
            metalink-base-uri          | NONE
            select-file                | NONE
            listen-port                | 6881-6999
            bt-max-peers               | 55
            seed-ratio                 | 1
            seed-time                  | NONE
            bt-tracker                 | NONE
            bt-hash-check-seed         | true
            rpc-save-upload-metadata   | true
            """)
    void defaultsFollowAria2(String name, String expected) {
        Option<?> option = Option.named(name);
        assertEquals(expected, textOfDefault(option));
    }

    private static <T> String textOfDefault(Option<T> option) {
        return option.defaultValue().map(option::format).orElse(null);
    }

    /** aria2's changeOption / changeGlobalOption rules. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            max-download-limit         | DOWNLOAD | LIVE    | true
            max-upload-limit           | DOWNLOAD | LIVE    | true
            force-save                 | DOWNLOAD | LIVE    | true
            split                      | DOWNLOAD | RESTART | true
            dir                        | DOWNLOAD | RESTART | true
            out                        | DOWNLOAD | RESTART | false
            checksum                   | DOWNLOAD | RESTART | false
            piece-length               | DOWNLOAD | NEVER   | true
            dry-run                    | DOWNLOAD | NEVER   | true
            pause                      | DOWNLOAD | NEVER   | false
            gid                        | DOWNLOAD | NEVER   | false
            max-concurrent-downloads   | GLOBAL   | LIVE    | true
            max-overall-download-limit | GLOBAL   | LIVE    | true
            save-session               | GLOBAL   | LIVE    | true
            log-level                  | GLOBAL   | LIVE    | true
            save-session-interval      | GLOBAL   | NEVER   | false
            disk-cache                 | GLOBAL   | NEVER   | false
            input-file                 | GLOBAL   | NEVER   | false
            metalink-file              | GLOBAL   | NEVER   | false
            follow-metalink            | DOWNLOAD | RESTART | true
            metalink-location          | DOWNLOAD | RESTART | true
            select-file                | DOWNLOAD | RESTART | true
            listen-port                | GLOBAL   | NEVER   | false
            bt-max-peers               | DOWNLOAD | LIVE    | true
            seed-ratio                 | DOWNLOAD | LIVE    | true
            seed-time                  | DOWNLOAD | LIVE    | true
            bt-tracker                 | DOWNLOAD | RESTART | true
            bt-exclude-tracker         | DOWNLOAD | RESTART | true
            bt-hash-check-seed         | DOWNLOAD | RESTART | true
            """)
    void scopeAndChangeRulesFollowAria2(String name, Option.Scope scope, Option.Change change, boolean global) {
        Option<?> option = Option.named(name);
        assertEquals(scope, option.scope());
        assertEquals(change, option.change());
        assertEquals(global, option.changeableGlobally());
    }

    @Test
    void shortNamesAreAria2s() {
        Map<Character, Option<?>> expected = new LinkedHashMap<>();
        expected.put('d', Option.DIR);
        expected.put('o', Option.OUT);
        expected.put('i', Option.INPUT_FILE);
        expected.put('l', Option.LOG);
        expected.put('q', Option.QUIET);
        expected.put('j', Option.MAX_CONCURRENT_DOWNLOADS);
        expected.put('Z', Option.FORCE_SEQUENTIAL);
        expected.put('c', Option.CONTINUE);
        expected.put('V', Option.CHECK_INTEGRITY);
        expected.put('s', Option.SPLIT);
        expected.put('x', Option.MAX_CONNECTION_PER_SERVER);
        expected.put('k', Option.MIN_SPLIT_SIZE);
        expected.put('m', Option.MAX_TRIES);
        expected.put('t', Option.TIMEOUT);
        expected.put('R', Option.REMOTE_TIME);
        expected.put('u', Option.MAX_UPLOAD_LIMIT);
        expected.put('U', Option.USER_AGENT);
        expected.put('p', Option.FTP_PASV);
        expected.put('n', Option.NO_NETRC);
        expected.put('M', Option.METALINK_FILE);
        expected.put('T', Option.TORRENT_FILE);
        expected.put('S', Option.SHOW_FILES);
        expected.put('M', Option.METALINK_FILE);
        expected.forEach((letter, option) -> assertSame(option, Option.forShortName(letter).orElseThrow()));
        long withShortNames = Option.all().stream().filter(option -> option.shortName().isPresent()).count();
        assertEquals(expected.size(), withShortNames);
    }

    @Test
    void unknownNameIsAnOptionException() {
        OptionException e = assertThrows(OptionException.class, () -> Option.named("spilt"));
        assertEquals("unknown option \"spilt\"", e.getMessage());
        assertEquals("spilt", e.optionName());
        assertEquals(ErrorCode.BAD_OPTION, e.errorCode());
        assertEquals(Optional.empty(), Option.forName("spilt"));
        assertEquals(Optional.empty(), Option.forShortName('y'));
    }

    @Test
    void valueClassesAreTheDocumentedOnes() {
        Set<Class<?>> allowed = Set.of(Integer.class, Long.class, Boolean.class, java.time.Duration.class,
                java.nio.file.Path.class, String.class, List.class, FileAllocation.class, UriSelector.class,
                StreamPieceSelector.class, LogLevel.class, ProxyMethod.class, FtpType.class, TlsVersion.class,
                FollowMode.class, MetalinkProtocol.class, Double.class);
        for (Option<?> option : Option.all()) {
            assertTrue(allowed.contains(option.valueClass()), option.name() + ": " + option.valueClass());
        }
        assertTrue(Option.HEADER.repeatable());
        assertEquals(1, Option.all().stream().filter(Option::repeatable).count());
    }

    @Test
    void publicApiExposesNoInternalType() {
        for (Class<?> type : List.of(Option.class, Options.class, Options.Builder.class, OptionException.class)) {
            for (java.lang.reflect.Method method : type.getMethods()) {
                List<Class<?>> used = new java.util.ArrayList<>(List.of(method.getParameterTypes()));
                used.add(method.getReturnType());
                for (Class<?> usedType : used) {
                    assertFalse(usedType.getName().contains(".internal."), type.getSimpleName() + "." + method.getName());
                }
            }
            for (java.lang.reflect.Constructor<?> constructor : type.getConstructors()) {
                for (Class<?> parameter : constructor.getParameterTypes()) {
                    assertFalse(parameter.getName().contains(".internal."), constructor.toString());
                }
            }
        }
    }
}
