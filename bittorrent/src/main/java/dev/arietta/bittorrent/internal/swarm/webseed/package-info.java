/**
 * BEP 19 web seeds: HTTP(S) and FTP servers holding the torrent's files, fetched in runs of whole pieces
 * that the swarm verifies like peer data. Loop thread only.
 */
package dev.arietta.bittorrent.internal.swarm.webseed;
