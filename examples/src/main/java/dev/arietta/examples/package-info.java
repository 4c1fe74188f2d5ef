/**
 * Short programs showing how to embed Arietta: {@link dev.arietta.examples.SimpleDownload} (one
 * URI, wait for it), {@link dev.arietta.examples.QueueWithListener} (a queue with
 * {@code max-concurrent-downloads} and an event listener) and
 * {@link dev.arietta.examples.PauseResume} (pause, unpause, status snapshots). Each has a
 * {@code main} and is run by a test against a local server, so it cannot go stale.
 */
package dev.arietta.examples;
