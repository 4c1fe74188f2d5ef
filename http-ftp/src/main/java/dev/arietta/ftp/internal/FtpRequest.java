package dev.arietta.ftp.internal;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * One piece of work on a logged-in FTP session: go to a file and learn about it, and optionally
 * retrieve it from an offset. Immutable.
 *
 * @param directories the directories (octets) to be in, relative to the login directory
 * @param fileName the file (octets)
 * @param offset the first byte to retrieve; a non-zero offset sends {@code REST}
 * @param querySize whether to send {@code SIZE}
 * @param queryModificationTime whether to send {@code MDTM}
 * @param retrieve whether to retrieve the file ({@code false}: only the queries)
 * @param activeAddress for active mode, the address the driver listens on for the data
 *     connection ({@code EPRT}, falling back to {@code PORT}); {@code null} for passive mode
 *     ({@code EPSV}, falling back to {@code PASV})
 */
public record FtpRequest(List<String> directories, String fileName, long offset, boolean querySize,
                         boolean queryModificationTime, boolean retrieve, InetSocketAddress activeAddress) {

    public FtpRequest {
        directories = List.copyOf(directories);
        Objects.requireNonNull(fileName, "fileName");
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        for (String element : directories) {
            if (!FtpOctets.isSafeArgument(element) || element.isEmpty()) {
                throw new IllegalArgumentException("bad directory element");
            }
        }
        if (!FtpOctets.isSafeArgument(fileName) || fileName.isEmpty()) {
            throw new IllegalArgumentException("bad file name");
        }
    }

    /** A passive-mode request for {@code url}'s file. */
    public static FtpRequest of(FtpUrl url, long offset, boolean querySize, boolean queryModificationTime,
                                boolean retrieve) {
        return new FtpRequest(url.directories(), url.fileName(), offset, querySize, queryModificationTime, retrieve,
                null);
    }

    /** This request in active mode, listening on {@code address}. */
    public FtpRequest withActiveAddress(InetSocketAddress address) {
        return new FtpRequest(directories, fileName, offset, querySize, queryModificationTime, retrieve, address);
    }
}
