/**
 * Piece verification on a hash executor, whole-file checksums, and re-checking of existing data.
 *
 * <p>Internal to Arietta: exported only to Arietta's own modules, not a public API.
 */
package dev.arietta.core.internal.hash;
