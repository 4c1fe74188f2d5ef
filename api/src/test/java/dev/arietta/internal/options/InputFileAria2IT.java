package dev.arietta.internal.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.arietta.Option;
import dev.arietta.OptionSamples;
import dev.arietta.Options;
import dev.arietta.core.ErrorCode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with the real aria2c: it reads a session file written by
 * {@link InputFileWriter} without a bad-option error, and the session it saves back is read by
 * {@link InputFileReader} to the same options.
 */
class InputFileAria2IT {

    /** A closed loopback port, so every download fails at once without touching the network. */
    private static final String DEAD_ORIGIN = "http://127.0.0.1:1";
    /** aria2 writes a proxy back in this normalized form, with the trailing slash. */
    private static final String DEAD_PROXY = DEAD_ORIGIN + "/";

    @Test
    void aria2ReadsOurSessionAndWeReadItsSession(@TempDir Path directory) throws Exception {
        Path aria2c = findAria2c();
        Options everyDownloadOption = OptionSamples.everyOption(option -> option.scope() == Option.Scope.DOWNLOAD)
                .toBuilder()
                // Proxies that refuse at once: the sample proxies have names that would need DNS.
                .set("http-proxy", DEAD_PROXY).set("https-proxy", DEAD_PROXY).set("all-proxy", DEAD_PROXY)
                .set("dir", directory.resolve("downloads").toString())
                .set("max-tries", "1")
                .build();
        List<InputFileEntry> written = List.of(
                new InputFileEntry(List.of(DEAD_ORIGIN + "/a.iso", DEAD_ORIGIN + "/mirror/a.iso"), everyDownloadOption),
                new InputFileEntry(List.of(DEAD_ORIGIN + "/b.iso"),
                        Options.of("gid", "00000000000000b1", "split", "2", "max-tries", "1")));
        Path input = directory.resolve("input.txt");
        Path saved = directory.resolve("saved.txt");
        InputFileWriter.save(written, input);

        Process process = new ProcessBuilder(aria2c.toString(), "--no-conf", "--quiet", "--max-tries=1",
                "--input-file=" + input, "--save-session=" + saved, "--dir=" + directory)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("aria2c.out").toFile())
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("aria2c did not finish within 120 s");
        }
        String output = Files.readString(directory.resolve("aria2c.out"));
        assertNotEquals(ErrorCode.BAD_OPTION.code(), process.exitValue(), output);

        List<InputFileEntry> reread = new InputFileReader().read(saved);
        String savedText = Files.readString(saved);
        assertEquals(2, reread.size(), savedText);
        InputFileEntry first = byGid(reread, everyDownloadOption.get(Option.GID), savedText);
        assertEquals(written.get(0).uris(), first.uris());
        Map<String, String> ours = everyDownloadOption.asStringMap();
        Map<String, String> theirs = first.options().asStringMap();
        for (Map.Entry<String, String> option : theirs.entrySet()) {
            assertEquals(ours.get(option.getKey()), option.getValue(), option.getKey());
        }
        Set<String> notSavedBack = new TreeSet<>(ours.keySet());
        notSavedBack.removeAll(theirs.keySet());
        // aria2 saves "pause" only when it is true; every other option must survive its round trip.
        assertEquals(Set.of("pause"), notSavedBack);
        assertEquals(Options.of("gid", "00000000000000b1", "split", "2", "max-tries", "1", "dir", directory.toString()),
                byGid(reread, "00000000000000b1", savedText).options());
    }

    private static InputFileEntry byGid(List<InputFileEntry> entries, String gid, String text) {
        return entries.stream().filter(entry -> gid.equals(entry.options().get(Option.GID))).findFirst()
                .orElseThrow(() -> new AssertionError("no entry with gid " + gid + " in\n" + text));
    }

    private static Path findAria2c() {
        Optional<Path> found = Optional.empty();
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "aria2c");
            if (Files.isExecutable(candidate)) {
                found = Optional.of(candidate);
                break;
            }
        }
        if (found.isEmpty()) {
            assertTrue(!"true".equals(System.getenv("CI")), "aria2c is required under CI (Debian package aria2)");
            Assumptions.abort("aria2c not installed");
        }
        return found.get();
    }
}
