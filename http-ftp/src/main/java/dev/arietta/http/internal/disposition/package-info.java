/**
 * The {@code Content-Disposition} response header (RFC 6266, RFC 8187): the file name a server
 * suggests, returned raw for the caller to sanitize.
 */
package dev.arietta.http.internal.disposition;
