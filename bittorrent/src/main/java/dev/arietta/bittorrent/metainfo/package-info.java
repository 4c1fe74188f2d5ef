/**
 * BitTorrent v1 metainfo: parsing {@code .torrent} files into {@link
 * dev.arietta.bittorrent.metainfo.TorrentMetainfo} (with limits and typed errors for hostile
 * input), and creating torrents from files and directories. Usable without a session.
 */
package dev.arietta.bittorrent.metainfo;
