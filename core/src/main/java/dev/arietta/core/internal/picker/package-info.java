/**
 * Work selection: the BitTorrent piece picker (rarest-first, priorities, deadlines, end-game, BEP 19 gap-aware mode) and contiguous range allocation for HTTP/FTP segments.
 *
 * <p>Internal to Arietta: exported only to Arietta's own modules, not a public API.
 */
package dev.arietta.core.internal.picker;
