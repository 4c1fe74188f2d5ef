/**
 * The segmented multi-source transfer of one file over HTTP(S) (and, through the same
 * {@link dev.arietta.http.internal.transfer.SourceFetcher} abstraction, FTP): the first
 * connection learns the length, then {@code split} connections share the file's byte ranges
 * across its mirrors, stealing the largest remaining gap when one finishes early, retrying and
 * dropping failing mirrors, preferring faster ones. Loop-thread only.
 *
 * <p>Internal to Arietta: exported only to the api module.
 */
package dev.arietta.http.internal.transfer;
