/**
 * The session's I/O loop: one {@link java.nio.channels.Selector} thread that owns every
 * socket, a timer queue, a task queue for other threads, pooled direct buffers, name
 * resolution off the loop and Happy Eyeballs connection establishment (RFC 8305).
 *
 * <p>Threading rule of the package: everything that touches a channel, a
 * {@link dev.arietta.core.internal.loop.Registration} or download state runs on the loop
 * thread; other threads hand work over with {@link dev.arietta.core.internal.loop.EventLoop#execute}.
 *
 * <p>Internal to Arietta: exported only to Arietta's own modules, not a public API.
 */
package dev.arietta.core.internal.loop;
