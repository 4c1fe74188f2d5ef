package dev.arietta.bittorrent.metainfo;

import dev.arietta.bittorrent.metainfo.CreatedTorrent.SkipReason;
import dev.arietta.bittorrent.metainfo.CreatedTorrent.SkippedPath;
import dev.arietta.bittorrent.metainfo.TorrentCreationException.Reason;
import dev.arietta.core.internal.storage.PathSanitizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Lists the files a torrent is made of: one regular file, or every regular file under a
 * directory, in torrent order. Not thread-safe; one instance per creation.
 *
 * <p>Order: path elements compared one by one as UTF-8 bytes (unsigned), as libtorrent's
 * {@code file_storage::canonicalize} sorts; a depth-first walk visiting each directory's entries
 * in that order produces it. Symbolic links are followed when their target lies inside the
 * source directory (the target's content goes in under the link's name, as libtorrent does
 * without its {@code symlinks} flag) and skipped otherwise, as are links to a directory that
 * contains them, broken links, hidden entries with {@link TorrentCreator.HiddenFiles#SKIP},
 * and special files. Every entry looked at counts against {@link TorrentLimits#maxFiles()},
 * so a huge tree is refused early instead of being walked to its end.
 */
final class SourceScanner {

    /**
     * One file of the torrent.
     *
     * @param path       path elements in the torrent (for a single file, just its name)
     * @param readPath   the path to read: as reached from the source, or a link's real target
     * @param length     size in bytes when listed
     * @param executable the owner may execute it (BEP 47 attribute {@code x})
     * @param modified   last modification time when listed
     */
    record SourceFile(List<String> path, Path readPath, long length, boolean executable, FileTime modified) {
    }

    /**
     * What a source holds.
     *
     * @param name      the torrent's {@code name}: the file or directory name
     * @param multiFile whether the source is a directory
     * @param files     the files, in torrent order
     * @param skipped   entries left out, in walk order
     */
    record Listing(String name, boolean multiFile, List<SourceFile> files, List<SkippedPath> skipped) {
    }

    /**
     * A directory still to be listed.
     *
     * @param shown     where it is as reached from the source (through links), for listing and messages
     * @param path      its path elements in the torrent
     * @param ancestors real paths of the directories from the root down to this one, itself last
     */
    private record PendingDirectory(Path shown, List<String> path, List<Path> ancestors) {

        Path real() {
            return ancestors.get(ancestors.size() - 1);
        }
    }

    private final TorrentLimits limits;
    private final boolean skipHidden;
    private final boolean fileAttributes;
    private final BooleanSupplier stop;
    private final PathSanitizer sanitizer;
    private final List<SourceFile> files = new ArrayList<>();
    private final List<SkippedPath> skipped = new ArrayList<>();
    private long entriesSeen;

    /**
     * @param stop checked before each directory is listed; when it turns true the walk ends
     *             early with what it has (the caller has been cancelled and discards it)
     */
    SourceScanner(TorrentLimits limits, boolean skipHidden, boolean fileAttributes, BooleanSupplier stop) {
        this.limits = limits;
        this.skipHidden = skipHidden;
        this.fileAttributes = fileAttributes;
        this.stop = stop;
        this.sanitizer = new PathSanitizer(limits.maxNameBytes());
    }

    Listing scan(Path source) throws IOException {
        Path absolute = source.toAbsolutePath().normalize();
        Path fileName = absolute.getFileName();
        if (fileName == null) {
            throw new TorrentCreationException(Reason.BAD_NAME, source,
                    "a file system root has no name to give the torrent", null);
        }
        String name = fileName.toString();
        checkName(absolute, name);
        BasicFileAttributes attributes;
        Path real;
        try {
            attributes = Files.readAttributes(absolute, BasicFileAttributes.class);
            real = absolute.toRealPath();
        } catch (NoSuchFileException e) {
            throw new TorrentCreationException(Reason.UNREADABLE, source, "does not exist", e);
        } catch (IOException e) {
            throw unreadable(source, e);
        }
        if (attributes.isRegularFile()) {
            SourceFile file = sourceFile(List.of(name), real);
            if (file.length() == 0) {
                throw new TorrentCreationException(Reason.NO_DATA, source,
                        "is empty: a torrent needs at least one byte", null);
            }
            return new Listing(name, false, List.of(file), List.of());
        }
        if (!attributes.isDirectory()) {
            throw new TorrentCreationException(Reason.UNREADABLE, source, "is neither a regular file nor a directory",
                    null);
        }
        walk(absolute, real, source);
        if (files.isEmpty()) {
            throw new TorrentCreationException(Reason.NO_DATA, source, "holds no files"
                    + (skipped.isEmpty() ? "" : " (" + skipped.size() + " entries skipped)"), null);
        }
        if (files.stream().allMatch(file -> file.length() == 0)) {
            throw new TorrentCreationException(Reason.NO_DATA, source, "holds only empty files: a torrent needs at"
                    + " least one byte", null);
        }
        checkCaseCollisions();
        return new Listing(name, true, List.copyOf(files), List.copyOf(skipped));
    }

    /** Depth-first, each directory's entries in byte order; an explicit stack so depth costs no call stack. */
    private void walk(Path root, Path rootReal, Path source) throws IOException {
        Deque<Object> stack = new ArrayDeque<>();
        stack.push(new PendingDirectory(root, List.of(), List.of(rootReal)));
        while (!stack.isEmpty() && !stop.getAsBoolean()) {
            Object next = stack.pop();
            if (next instanceof SourceFile file) {
                if (files.size() == limits.maxFiles()) {
                    throw new TorrentCreationException(Reason.LIMIT_EXCEEDED, source, "holds more than "
                            + limits.maxFiles() + " files (TorrentLimits.maxFiles)", null);
                }
                files.add(file);
                continue;
            }
            PendingDirectory directory = (PendingDirectory) next;
            List<Object> children = visit(directory, rootReal, source);
            for (int i = children.size() - 1; i >= 0; i--) {
                stack.push(children.get(i));
            }
        }
    }

    /** Lists one directory: its files and subdirectories to visit, in order; records what it skips. */
    private List<Object> visit(PendingDirectory directory, Path rootReal, Path source) throws IOException {
        List<Path> entries = list(directory.shown(), source);
        if (!entries.isEmpty() && directory.path().size() >= limits.maxPathDepth()) {
            throw new TorrentCreationException(Reason.LIMIT_EXCEEDED, directory.shown(), "is nested deeper than "
                    + limits.maxPathDepth() + " path elements (TorrentLimits.maxPathDepth)", null);
        }
        List<Object> children = new ArrayList<>();
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (skipHidden && isHidden(entry, name)) {
                skipped.add(new SkippedPath(entry, SkipReason.HIDDEN));
                continue;
            }
            BasicFileAttributes own = attributes(entry, LinkOption.NOFOLLOW_LINKS);
            Path real = directory.real().resolve(name);
            BasicFileAttributes target = own;
            boolean link = own.isSymbolicLink();
            if (link) {
                try {
                    real = entry.toRealPath();
                    target = attributes(real);
                } catch (FileSystemException broken) {
                    // NoSuchFileException: points nowhere; otherwise typically ELOOP, a ring of links.
                    skipped.add(new SkippedPath(entry, SkipReason.BROKEN_SYMLINK));
                    continue;
                }
                if (!real.startsWith(rootReal)) {
                    skipped.add(new SkippedPath(entry, SkipReason.SYMLINK_OUTSIDE_ROOT));
                    continue;
                }
            }
            List<String> path = append(directory.path(), name);
            if (target.isDirectory()) {
                if (directory.ancestors().contains(real)) {
                    skipped.add(new SkippedPath(entry, SkipReason.SYMLINK_LOOP));
                    continue;
                }
                checkName(entry, name);
                List<Path> ancestors = new ArrayList<>(directory.ancestors());
                ancestors.add(real);
                children.add(new PendingDirectory(entry, path, List.copyOf(ancestors)));
            } else if (target.isRegularFile()) {
                checkName(entry, name);
                // Read a link's target by its real path: files are opened without following a last link.
                children.add(sourceFile(path, link ? real : entry));
            } else {
                skipped.add(new SkippedPath(entry, SkipReason.NOT_REGULAR_FILE));
            }
        }
        return children;
    }

    /** The entries of {@code directory} in UTF-8 byte order of their names. */
    private List<Path> list(Path directory, Path source) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path entry : stream) {
                if (++entriesSeen > limits.maxFiles()) {
                    throw new TorrentCreationException(Reason.LIMIT_EXCEEDED, source, "holds more than "
                            + limits.maxFiles() + " entries (TorrentLimits.maxFiles)", null);
                }
                entries.add(entry);
            }
        } catch (TorrentCreationException e) {
            throw e;
        } catch (IOException e) {
            throw unreadable(directory, e);
        }
        byte[][] keys = new byte[entries.size()][];
        Integer[] order = new Integer[entries.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = entries.get(i).getFileName().toString().getBytes(StandardCharsets.UTF_8);
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(keys[a], keys[b]));
        List<Path> sorted = new ArrayList<>(entries.size());
        for (Integer index : order) {
            sorted.add(entries.get(index));
        }
        return sorted;
    }

    private SourceFile sourceFile(List<String> path, Path readPath) throws IOException {
        if (path.size() > limits.maxPathDepth()) {
            throw new TorrentCreationException(Reason.LIMIT_EXCEEDED, readPath, path.size() + " path elements exceed"
                    + " the limit of " + limits.maxPathDepth() + " (TorrentLimits.maxPathDepth)", null);
        }
        if (!Files.isReadable(readPath)) {
            throw new TorrentCreationException(Reason.UNREADABLE, readPath, "cannot be read (permission denied)",
                    null);
        }
        BasicFileAttributes attributes = attributes(readPath, LinkOption.NOFOLLOW_LINKS);
        boolean executable = fileAttributes && attributes instanceof PosixFileAttributes posix
                && posix.permissions().contains(PosixFilePermission.OWNER_EXECUTE);
        return new SourceFile(path, readPath, attributes.size(), executable, attributes.lastModifiedTime());
    }

    /** POSIX attributes where the file system has them (for the executable bit), else basic ones. */
    private static BasicFileAttributes attributes(Path path, LinkOption... options) throws IOException {
        try {
            try {
                return Files.readAttributes(path, PosixFileAttributes.class, options);
            } catch (UnsupportedOperationException notPosix) {
                return Files.readAttributes(path, BasicFileAttributes.class, options);
            }
        } catch (IOException e) {
            throw unreadable(path, e);
        }
    }

    private static boolean isHidden(Path entry, String name) throws IOException {
        if (name.startsWith(".")) {
            return true;
        }
        try {
            return Files.isHidden(entry);
        } catch (IOException e) {
            throw unreadable(entry, e);
        }
    }

    /** Refuses a name that a client would not save under the same name, so the torrent round-trips. */
    private void checkName(Path where, String name) throws TorrentCreationException {
        if (name.indexOf('\uFFFD') >= 0) {
            throw new TorrentCreationException(Reason.BAD_NAME, where, "the name is not valid UTF-8 (or holds"
                    + " U+FFFD), so a torrent cannot carry it", null);
        }
        String safe = sanitizer.sanitizeElement(name);
        if (!safe.equals(name)) {
            throw new TorrentCreationException(Reason.BAD_NAME, where, "the name " + quote(name) + " would be saved "
                    + (safe.isEmpty() ? "under no name at all" : "as " + quote(safe)) + " by a client: rename it"
                    + " (reserved characters or device names, control characters, trailing dots or spaces, or over "
                    + limits.maxNameBytes() + " UTF-8 bytes)", null);
        }
    }

    /** Two paths equal ignoring case would land on one file on Windows and macOS; the parser renames one. */
    private void checkCaseCollisions() throws TorrentCreationException {
        DuplicatePaths claimed = new DuplicatePaths(limits.maxNameBytes());
        for (SourceFile file : files) {
            if (!claimed.claim(file.path()).equals(file.path())) {
                throw new TorrentCreationException(Reason.BAD_NAME, file.readPath(), "its path "
                        + quote(String.join("/", file.path())) + " differs only in letter case from another file or"
                        + " directory of the torrent; both would land on one file on Windows and macOS", null);
            }
        }
    }

    private static List<String> append(List<String> path, String element) {
        List<String> longer = new ArrayList<>(path.size() + 1);
        longer.addAll(path);
        longer.add(element);
        return List.copyOf(longer);
    }

    private static TorrentCreationException unreadable(Path path, IOException cause) {
        String problem = cause instanceof AccessDeniedException ? "permission denied"
                : Objects.requireNonNullElse(cause.getMessage(), cause.getClass().getSimpleName());
        if (cause instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            problem = fileSystem.getReason();
        }
        return new TorrentCreationException(Reason.UNREADABLE, path, "cannot be read: " + problem, cause);
    }

    /** Quoted, with control and format characters shown as {@code \\uXXXX} so a message stays one clean line. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        text.codePoints().forEach(codePoint -> {
            if (Character.isISOControl(codePoint) || Character.getType(codePoint) == Character.FORMAT) {
                out.append(String.format("\\u%04X", codePoint));
            } else {
                out.appendCodePoint(codePoint);
            }
        });
        return out.append('"').toString();
    }
}
