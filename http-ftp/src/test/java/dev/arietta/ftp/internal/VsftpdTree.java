package dev.arietta.ftp.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Random;

/**
 * The files the vsftpd integration tests serve: {@code big.bin} (20 MiB + 123, with a fixed
 * modification time), {@code small.txt}, {@code café.txt} and {@code dir/sub/nested.bin}.
 *
 * @param root the served directory
 */
record VsftpdTree(Path root, byte[] big, byte[] small, byte[] nested) {
    static final Instant MODIFIED = Instant.parse("2021-03-04T05:06:07Z");
    static final int BIG_SIZE = 20 * 1024 * 1024 + 123;

    /** Writes the tree under {@code directory}/root. */
    static VsftpdTree create(Path directory) throws IOException {
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path root = Files.createDirectories(directory.resolve("root"));
        byte[] big = new byte[BIG_SIZE];
        new Random(7).nextBytes(big);
        byte[] small = "hello from vsftpd\n".getBytes(StandardCharsets.US_ASCII);
        byte[] nested = new byte[70_000];
        new Random(8).nextBytes(nested);
        Files.write(root.resolve("big.bin"), big);
        Files.setLastModifiedTime(root.resolve("big.bin"), FileTime.from(MODIFIED));
        Files.write(root.resolve("small.txt"), small);
        Files.write(root.resolve("caf\u00e9.txt"), small);
        Path sub = Files.createDirectories(root.resolve("dir").resolve("sub"));
        Files.write(sub.resolve("nested.bin"), nested);
        for (Path path : new Path[] {root.resolve("dir"), sub}) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return new VsftpdTree(root, big, small, nested);
    }
}
