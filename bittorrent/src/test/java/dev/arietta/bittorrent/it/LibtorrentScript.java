package dev.arietta.bittorrent.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** The Python driver of libtorrent ({@code it/libtorrent_peer.py} in test resources). */
final class LibtorrentScript {

    static final String RESOURCE = "/it/libtorrent_peer.py";

    private LibtorrentScript() {
    }

    /**
     * Copies the script into {@code directory} and returns the command line that runs it with
     * {@code arguments}; skips or fails (under CI) when python3-libtorrent is missing.
     */
    static List<String> command(Path directory, List<String> arguments) throws IOException {
        ExternalProgram.requireLibtorrent();
        Path script = directory.resolve("libtorrent_peer.py");
        if (!Files.exists(script)) {
            try (InputStream in = LibtorrentScript.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IOException("test resource " + RESOURCE + " not found");
                }
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        List<String> command = new ArrayList<>();
        command.add(ExternalProgram.PYTHON.toString());
        command.add("-u");
        command.add(script.toString());
        command.addAll(arguments);
        return command;
    }
}
