/**
 * Crash-safe resume state: the binary {@code .arietta} control file, written atomically after data is flushed.
 *
 * <p>Internal to Arietta: exported only to Arietta's own modules, not a public API.
 */
package dev.arietta.core.internal.resume;
