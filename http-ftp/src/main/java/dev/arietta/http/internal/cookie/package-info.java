/**
 * HTTP cookies (RFC 6265): parsing {@code Set-Cookie}, choosing the cookies a request
 * carries, a bounded {@link dev.arietta.http.internal.cookie.CookieJar}, and the
 * Netscape/Mozilla {@code cookies.txt} format behind aria2's {@code load-cookies} and
 * {@code save-cookies}.
 */
package dev.arietta.http.internal.cookie;
