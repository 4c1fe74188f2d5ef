package dev.arietta.ftp.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the server said about a file before its bytes flow. Immutable.
 *
 * @param url the file
 * @param offset the file offset of the first byte delivered
 * @param length how many bytes will be delivered, or -1 when unknown (no size, open range)
 * @param size the file size from {@code SIZE}, if asked and answered
 * @param lastModified the modification time from {@code MDTM} (UTC), if asked and answered
 */
public record FtpResponse(FtpUrl url, long offset, long length, OptionalLong size, Optional<Instant> lastModified) {
}
