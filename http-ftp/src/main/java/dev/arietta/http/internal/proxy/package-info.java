/**
 * Proxy configuration and selection: aria2's {@code http-proxy}, {@code https-proxy},
 * {@code ftp-proxy}, {@code all-proxy}, their {@code -user}/{@code -passwd} options and
 * {@code no-proxy}, with the conventional {@code *_proxy} environment variables as fallback.
 */
package dev.arietta.http.internal.proxy;
