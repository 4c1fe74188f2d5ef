/**
 * The download engine under {@link dev.arietta.Session}: the queue, each download's life
 * (transfer, files, resume state, events), status snapshots and session save/restore.
 *
 * <p>Threading (DESIGN §2): every piece of download state is owned by the session's I/O loop
 * thread; public calls are posted to it. Disk work runs on the disk executor (one serial
 * queue per download), whole-file hashing on the hash executor, listener calls on the
 * callback executor (one serial queue per download, so events keep their order).
 *
 * <p>Internal to Arietta: not exported.
 */
package dev.arietta.internal.engine;
