/**
 * File layout (pieces mapped onto file spans), path containment for untrusted names, and positional file storage with allocation modes and a bounded write-back cache.
 *
 * <p>How the engine uses it, per download:
 * <ol>
 *   <li>{@link dev.arietta.core.internal.storage.FileLayout} from the metadata's files and
 *       piece length (pure arithmetic, immutable).</li>
 *   <li>{@link dev.arietta.core.internal.storage.TargetFiles#prepare} turns the untrusted file
 *       names into contained paths ({@link dev.arietta.core.internal.storage.PathSanitizer})
 *       and decides about existing files
 *       ({@link dev.arietta.core.internal.storage.ExistingFilePolicy}).</li>
 *   <li>{@link dev.arietta.core.internal.storage.Storage} does the I/O, on the disk executor.</li>
 * </ol>
 * Disk failures are {@link dev.arietta.core.internal.storage.StorageException}s carrying an
 * aria2 error code; refused names are
 * {@link dev.arietta.core.internal.storage.PathContainmentException}s.
 *
 * <p>Internal to Arietta: exported only to Arietta's own modules, not a public API.
 */
package dev.arietta.core.internal.storage;
