/**
 * The swarm engine of one torrent: peers, choking, piece picking, the data path through
 * core's storage and hashing, and seeding. Loop thread only.
 */
package dev.arietta.bittorrent.internal.swarm;
