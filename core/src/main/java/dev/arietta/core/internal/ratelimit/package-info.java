/**
 * Token-bucket rate limits, global and per download, for download and upload, changeable at run time.
 *
 * <p>Internal to Arietta: exported only to Arietta's own modules, not a public API.
 */
package dev.arietta.core.internal.ratelimit;
