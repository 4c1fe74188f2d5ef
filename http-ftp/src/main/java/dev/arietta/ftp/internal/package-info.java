/**
 * The FTP client's machinery: a sans-IO protocol core ({@link dev.arietta.ftp.internal.FtpProtocol},
 * fed reply bytes, producing command bytes and events) and its driver on the session's event loop
 * ({@link dev.arietta.ftp.internal.FtpClient}: non-blocking control and data connections, a pool
 * of logged-in control connections, CONNECT tunnels through an HTTP proxy).
 *
 * <p>FTP through an HTTP proxy with {@code proxy-method=get} ({@code GET ftp://…}) is the HTTP
 * client's job; with {@code proxy-method=tunnel} the FTP client opens the tunnels itself.
 */
package dev.arietta.ftp.internal;
