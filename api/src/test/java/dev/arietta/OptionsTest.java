package dev.arietta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void everyOptionRoundTripsThroughItsStringMap() {
        Options all = OptionSamples.everyOption(option -> true);
        assertEquals(Option.all().size(), all.options().size());
        Map<String, String> text = all.asStringMap();
        assertEquals(new ArrayList<>(nameList(Option.all())), new ArrayList<>(text.keySet()));
        Options reread = Options.of(text);
        assertEquals(all, reread);
        assertEquals(text, reread.asStringMap());
    }

    private static List<String> nameList(List<Option<?>> options) {
        List<String> names = new ArrayList<>();
        options.forEach(option -> names.add(option.name()));
        return names;
    }

    @Test
    void getReturnsExplicitValueElseDefault() {
        Options options = Options.of("split", "8", "dir", "/x", "max-download-limit", "1M", "continue", "true",
                "file-allocation", "falloc", "timeout", "30");
        assertEquals(8, options.get(Option.SPLIT));
        assertEquals(Path.of("/x"), options.get(Option.DIR));
        assertEquals(1L << 20, options.get(Option.MAX_DOWNLOAD_LIMIT));
        assertEquals(true, options.get(Option.CONTINUE));
        assertEquals(FileAllocation.FALLOC, options.get(Option.FILE_ALLOCATION));
        assertEquals(Duration.ofSeconds(30), options.get(Option.TIMEOUT));
        assertEquals(1, options.get(Option.MAX_CONNECTION_PER_SERVER));
        assertEquals(20L << 20, options.get(Option.MIN_SPLIT_SIZE));
        assertEquals(UriSelector.FEEDBACK, options.get(Option.URI_SELECTOR));
        assertNull(options.get(Option.OUT));
        assertEquals(Optional.empty(), options.find(Option.OUT));
        assertEquals(Optional.of(5), options.find(Option.MAX_TRIES));
        assertTrue(options.isSet(Option.SPLIT));
        assertTrue(options.isSet("split"));
        assertFalse(options.isSet(Option.MAX_TRIES));
        assertThrows(OptionException.class, () -> options.isSet("no-such-option"));
    }

    @Test
    void laterValueReplacesEarlierOneUnlessRepeatable() {
        Options options = Options.of("split", "2", "header", "X-A: 1", "split", "3", "header", "X-B: 2");
        assertEquals(3, options.get(Option.SPLIT));
        assertEquals(List.of("X-A: 1", "X-B: 2"), options.get(Option.HEADER));
        assertEquals("X-A: 1\nX-B: 2", options.asStringMap().get("header"));

        Options replaced = options.toBuilder().set(Option.HEADER, List.of("X-C: 3")).build();
        assertEquals(List.of("X-C: 3"), replaced.get(Option.HEADER));
        Options appended = options.toBuilder().set("header", "X-C: 3").build();
        assertEquals(List.of("X-A: 1", "X-B: 2", "X-C: 3"), appended.get(Option.HEADER));
        assertEquals(List.of("X-A: 1", "X-B: 2"), options.get(Option.HEADER));
    }

    @Test
    void mergeKeepsOwnValuesOverParentValues() {
        Options global = Options.of("split", "5", "dir", "/global", "max-tries", "9", "header", "X-G: 1",
                "max-concurrent-downloads", "2");
        Options download = Options.of("split", "8", "header", "X-D: 1", "out", "a.iso");
        Options merged = download.merge(global);
        assertEquals(8, merged.get(Option.SPLIT));
        assertEquals(Path.of("/global"), merged.get(Option.DIR));
        assertEquals(9, merged.get(Option.MAX_TRIES));
        assertEquals(List.of("X-D: 1"), merged.get(Option.HEADER));
        assertEquals(Path.of("a.iso"), merged.get(Option.OUT));
        assertEquals(2, merged.get(Option.MAX_CONCURRENT_DOWNLOADS));
        assertEquals(60, merged.get(Option.TIMEOUT).getSeconds());
        assertEquals(List.of("dir", "out", "max-concurrent-downloads", "split", "max-tries", "header"),
                new ArrayList<>(merged.asStringMap().keySet()));
        assertSame(download, download.merge(Options.empty()));
        assertSame(global, Options.empty().merge(global));
        assertEquals(9, global.merge(download).get(Option.MAX_TRIES));
        assertEquals(5, global.merge(download).get(Option.SPLIT));
    }

    @Test
    void asStringMapHoldsOnlyExplicitValuesAndEffectiveMapAddsDefaults() {
        Options options = Options.of("split", "8", "min-split-size", "1M");
        assertEquals(Map.of("split", "8", "min-split-size", "1048576"), options.asStringMap());
        Map<String, String> effective = options.effectiveStringMap();
        assertEquals("8", effective.get("split"));
        assertEquals("1048576", effective.get("min-split-size"));
        assertEquals("5", effective.get("max-tries"));
        assertEquals("prealloc", effective.get("file-allocation"));
        assertFalse(effective.containsKey("out"));
        assertThrows(UnsupportedOperationException.class, () -> options.asStringMap().put("split", "1"));
        assertThrows(UnsupportedOperationException.class, () -> options.options().clear());
    }

    @Test
    void toStringMasksSecrets() {
        Options options = Options.builder()
                .set("split", "4")
                .set("http-user", "alice")
                .set("http-passwd", "hunter2")
                .set("ftp-proxy-passwd", "pw3")
                .set("all-proxy", "http://bob:s3cret@proxy:8080")
                .set("header", "Authorization: Basic YWxpY2U6aHVudGVyMg==")
                .set("header", "cookie: session=abc")
                .set("header", "X-Trace: 7")
                .build();
        String text = options.toString();
        assertEquals("Options{split=4, header=Authorization: ***\\ncookie: ***\\nX-Trace: 7, http-user=alice,"
                + " http-passwd=***, all-proxy=http://bob:***@proxy:8080, ftp-proxy-passwd=***}", text);
        for (String secret : List.of("hunter2", "pw3", "s3cret", "YWxpY2U6aHVudGVyMg", "session=abc")) {
            assertFalse(text.contains(secret), secret);
        }
        assertEquals("hunter2", options.asStringMap().get("http-passwd"));
    }

    @Test
    void equalityIsByExplicitValues() {
        Options a = Options.of("split", "8", "min-split-size", "1M");
        Options b = Options.builder().set(Option.MIN_SPLIT_SIZE, 1L << 20).set(Option.SPLIT, 8).build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, Options.of("split", "8"));
        assertNotEquals(Options.empty(), Options.of("split", "5"));
        assertEquals(Options.empty(), Options.of());
        assertTrue(Options.empty().isEmpty());
    }

    @Test
    void builderUnsetsAndCopies() {
        Options base = Options.of("split", "8", "dir", "/x");
        Options.Builder builder = base.toBuilder().unset(Option.SPLIT);
        Options withoutSplit = builder.build();
        assertFalse(withoutSplit.isSet(Option.SPLIT));
        assertEquals(5, withoutSplit.get(Option.SPLIT));
        assertEquals(8, base.get(Option.SPLIT));
        builder.set(Option.SPLIT, 2);
        assertEquals(5, withoutSplit.get(Option.SPLIT));
        assertEquals(2, builder.build().get(Option.SPLIT));
        Options overlaid = Options.builder().set("split", "3").set("max-tries", "1").setAll(base).build();
        assertEquals(Map.of("dir", "/x", "split", "8", "max-tries", "1"), overlaid.asStringMap());
    }

    @Test
    void ofMapReadsNamesAndTextValues() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("split", "8");
        map.put("header", "A: 1\nB: 2");
        Options options = Options.of(map);
        assertEquals(List.of("A: 1", "B: 2"), options.get(Option.HEADER));
        map.put("bogus", "1");
        assertThrows(OptionException.class, () -> Options.of(map));
    }

    @Test
    void oddArgumentCountIsMisuse() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Options.of("split"));
        assertEquals("expected name, value pairs, got 1 arguments", e.getMessage());
        assertThrows(NullPointerException.class, () -> Options.of("split", null));
        assertThrows(NullPointerException.class, () -> Options.builder().set(Option.SPLIT, null));
    }
}
