package dev.arietta.http.internal.netrc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a {@code .netrc} file with aria2's safety rule: on a POSIX file system a file that
 * grants any permission to group or others is ignored, with a warning, rather than failing the
 * download (curl instead uses it silently; a stolen password file should not be trusted
 * blindly, and ignoring it matches what aria2 users expect). On file systems without POSIX
 * permissions (Windows) the check is skipped.
 *
 * <p>The file is decoded as UTF-8; a file that is not valid UTF-8 is decoded as ISO-8859-1 so
 * that legacy files still load. Stateless.
 */
public final class NetrcFile {
    private static final Logger LOG = LoggerFactory.getLogger(NetrcFile.class);
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private NetrcFile() {
    }

    /**
     * Loads {@code file}.
     *
     * @throws NetrcException on a syntax error or a file over {@link NetrcLimits}
     * @throws IOException if the file exists but cannot be read
     */
    public static NetrcLoadResult load(Path file, NetrcLimits limits) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        try {
            if (posix != null) {
                Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
                if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
                    LOG.warn(".netrc file {} does not have correct permissions. It should be 600. "
                            + "netrc support disabled.", file);
                    return new NetrcLoadResult(NetrcLoadResult.Status.IGNORED_UNSAFE_PERMISSIONS, Netrc.empty());
                }
            }
            long size = Files.size(file);
            if (size > limits.maxFileSize()) {
                throw new NetrcException(file.toString(), 0,
                        "file of " + size + " bytes exceeds " + limits.maxFileSize());
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length > limits.maxFileSize()) {
                throw new NetrcException(file.toString(), 0,
                        "file of " + bytes.length + " bytes exceeds " + limits.maxFileSize());
            }
            Netrc netrc = NetrcParser.parse(decode(bytes), file.toString(), limits);
            return new NetrcLoadResult(NetrcLoadResult.Status.LOADED, netrc);
        } catch (NoSuchFileException missing) {
            return new NetrcLoadResult(NetrcLoadResult.Status.MISSING, Netrc.empty());
        }
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
