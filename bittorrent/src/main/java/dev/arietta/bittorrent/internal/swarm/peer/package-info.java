/**
 * The peers a swarm knows: addresses to connect to, with back-off after failures, and bans.
 * Loop thread only.
 */
package dev.arietta.bittorrent.internal.swarm.peer;
