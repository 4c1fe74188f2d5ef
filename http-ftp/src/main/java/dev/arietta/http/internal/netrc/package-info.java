/**
 * {@code .netrc} credentials (aria2's {@code netrc-path}, enabled unless {@code no-netrc}):
 * parsing, the mode-600 safety check, and lookup by host for HTTP and FTP authentication.
 */
package dev.arietta.http.internal.netrc;
