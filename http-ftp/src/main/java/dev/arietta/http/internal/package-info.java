/**
 * The HTTP/1.1 client machinery on Arietta's event loop: the sans-IO response parser and body
 * decoders, content decoding, request encoding, plain and TLS transports, connection pool,
 * exchanges, redirects, authentication and proxies.
 *
 * <p>Internal to Arietta: exported only to Arietta's own modules, not a public API.
 */
package dev.arietta.http.internal;
