/**
 * A torrent's bytes on disk for the swarm: core's storage for the selected files, a part file
 * for pieces shared with unselected files, and the queues that move blocks between the loop
 * thread and the disk executor.
 */
package dev.arietta.bittorrent.internal.swarm.storage;
