/**
 * Piece state: word-wise bitfields and per-piece 16 KiB block tracking with per-source attribution.
 *
 * <p>Internal to Arietta: exported only to Arietta's own modules, not a public API.
 */
package dev.arietta.core.internal.piece;
