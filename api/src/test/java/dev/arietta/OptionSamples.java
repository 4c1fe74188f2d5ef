package dev.arietta;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** A value for every registered option, for round-trip tests. */
public final class OptionSamples {

    /**
     * A sample value, in text form, for every option without a default; tests built on
     * {@link #everyOption} fail when a new option lacks one.
     */
    static final Map<String, String> SAMPLES_WITHOUT_DEFAULT = Map.ofEntries(
            Map.entry("out", "file.iso"),
            Map.entry("input-file", "uris.txt"),
            Map.entry("log", "-"),
            Map.entry("checksum", "sha-1=0192ba11326fe2298c8cb4de616f4d4140213838"),
            Map.entry("header", "X-A: 1\nX-B: 2"),
            Map.entry("referer", "*"),
            Map.entry("http-user", "alice"),
            Map.entry("http-passwd", "secret"),
            Map.entry("http-proxy", "http://proxy:3128"),
            Map.entry("https-proxy", "https://proxy:3129"),
            Map.entry("ftp-proxy", ""),
            Map.entry("all-proxy", "http://bob:pw@proxy"),
            Map.entry("http-proxy-user", "u1"),
            Map.entry("http-proxy-passwd", "p1"),
            Map.entry("https-proxy-user", "u2"),
            Map.entry("https-proxy-passwd", "p2"),
            Map.entry("ftp-proxy-user", "u3"),
            Map.entry("ftp-proxy-passwd", "p3"),
            Map.entry("all-proxy-user", "u4"),
            Map.entry("all-proxy-passwd", "p4"),
            Map.entry("no-proxy", "localhost,10.0.0.0/8"),
            Map.entry("ca-certificate", "/etc/ssl/ca.pem"),
            Map.entry("certificate", "client.pem"),
            Map.entry("private-key", "client.key"),
            Map.entry("load-cookies", "cookies.txt"),
            Map.entry("save-cookies", "cookies.txt"),
            Map.entry("save-session", "session.txt"),
            Map.entry("metalink-file", "ubuntu.meta4"),
            Map.entry("metalink-base-uri", "https://mirror.example.org/pub/"),
            Map.entry("metalink-language", "en-US"),
            Map.entry("metalink-location", "jp,us"),
            Map.entry("metalink-os", "Linux-x86"),
            Map.entry("metalink-version", "1.2"),
            Map.entry("select-file", "1-5,8,9"),
            Map.entry("seed-time", "90.5"),
            Map.entry("bt-tracker", "udp://tracker.example:6969/announce,http://t.example/announce"),
            Map.entry("bt-exclude-tracker", "*"),
            Map.entry("gid", "2089b05ecca3d829"),
            Map.entry("torrent-file", "release.torrent"));

    private OptionSamples() {
    }

    /** Options with every option accepted by {@code which} set to its default or its sample. */
    public static Options everyOption(Predicate<Option<?>> which) {
        Options.Builder builder = Options.builder();
        for (Option<?> option : Option.all()) {
            if (which.test(option)) {
                setDefaultOrSample(builder, option);
            }
        }
        return builder.build();
    }

    private static <T> void setDefaultOrSample(Options.Builder builder, Option<T> option) {
        Optional<T> defaultValue = option.defaultValue();
        if (defaultValue.isPresent()) {
            builder.set(option, defaultValue.get());
        } else {
            String sample = SAMPLES_WITHOUT_DEFAULT.get(option.name());
            assertTrue(sample != null, "no sample value for " + option.name());
            builder.set(option.name(), sample);
        }
    }
}
