/**
 * File layout (pieces mapped onto file spans), path containment for untrusted names, and positional file storage with allocation modes and a bounded write-back cache.
 *
 * <p>Internal to Arietta: exported only to Arietta's own modules, not a public API.
 */
package dev.arietta.core.internal.storage;
