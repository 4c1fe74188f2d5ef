/**
 * The FTP client's machinery: a sans-IO protocol core ({@link dev.arietta.ftp.internal.FtpProtocol},
 * fed reply bytes, producing command bytes and events) and, until the session's event loop
 * drives it, a blocking {@link java.nio.channels.SocketChannel} driver
 * ({@link dev.arietta.ftp.internal.FtpSession}, {@link dev.arietta.ftp.internal.FtpTransfer}).
 *
 * <p>FTP through an HTTP proxy ({@code GET ftp://…} or {@code CONNECT}) is the HTTP client's
 * job and is not handled here.
 */
package dev.arietta.ftp.internal;
