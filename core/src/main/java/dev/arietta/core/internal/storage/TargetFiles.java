package dev.arietta.core.internal.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a layout's untrusted file paths into the final {@link TargetFile}s a {@link Storage}
 * opens: every path sanitized and contained under the download directory
 * ({@link PathSanitizer#resolveUnder}), collisions refused, existing files handled by the
 * {@link ExistingFilePolicy}. The engine calls this once per download before building its
 * storage. Looks at the disk but changes nothing.
 *
 * <p>BEP 47 padding files are never created, so their untrusted names are not used: each gets
 * the placeholder path {@code <root>/.pad/<file index>} and disposition
 * {@link TargetFile.Disposition#PADDING}, and takes no part in collision checks.
 */
public final class TargetFiles {

    /** Directory under the root named in placeholder paths of padding files, which are never created. */
    private static final String PADDING_DIRECTORY = ".pad";

    private TargetFiles() {
    }

    /**
     * @param root               the download directory
     * @param layout             the download's files
     * @param sanitizer          the sanitizer for the file paths
     * @param policy             what to do with files that already exist
     * @param resumeStatePresent whether resume state for this download exists
     * @return one target per layout file, index-aligned with {@link FileLayout#files()}
     * @throws PathContainmentException if a path is empty after sanitizing, escapes the root,
     *                                  or collides with another file of the layout (same path,
     *                                  or a file where another needs a directory)
     * @throws StorageException         from the policy (file exists, renaming exhausted)
     * @throws IOException              if the file system cannot be queried
     */
    public static List<TargetFile> prepare(Path root, FileLayout layout, PathSanitizer sanitizer,
            ExistingFilePolicy policy, boolean resumeStatePresent) throws IOException {
        Path base = root.toAbsolutePath().normalize();
        List<Path> paths = new ArrayList<>(layout.fileCount());
        Set<Path> taken = new HashSet<>();
        for (int i = 0; i < layout.fileCount(); i++) {
            FileEntry file = layout.file(i);
            if (file.padding()) {
                // Never created, and BEP 47 names them ".pad/<length>", so equal names are normal.
                paths.add(base.resolve(PADDING_DIRECTORY).resolve(Integer.toString(i)));
                continue;
            }
            Path path = sanitizer.resolveUnder(root, file.path());
            if (!taken.add(path)) {
                throw new PathContainmentException(PathContainmentException.Reason.COLLISION, file.path(),
                        root, "another file already maps to " + path);
            }
            paths.add(path);
        }
        for (int i = 0; i < paths.size(); i++) {
            if (layout.file(i).padding()) {
                continue;
            }
            for (Path parent = paths.get(i).getParent(); parent != null && !parent.equals(base);
                    parent = parent.getParent()) {
                if (taken.contains(parent)) {
                    throw new PathContainmentException(PathContainmentException.Reason.COLLISION,
                            layout.file(i).path(), root, "needs " + parent + " as a directory but it is a file");
                }
            }
        }
        List<TargetFile> targets = new ArrayList<>(paths.size());
        for (int i = 0; i < paths.size(); i++) {
            if (layout.file(i).padding()) {
                targets.add(new TargetFile(paths.get(i), TargetFile.Disposition.PADDING));
            } else {
                TargetFile target = policy.decide(paths.get(i), resumeStatePresent, taken);
                taken.add(target.path());
                targets.add(target);
            }
        }
        return List.copyOf(targets);
    }
}
