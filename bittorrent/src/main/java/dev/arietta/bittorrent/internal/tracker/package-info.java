/**
 * Trackers: HTTP(S) announce and scrape (BEP 3, 7, 23, 48), UDP trackers (BEP 15, 41) and
 * multitracker tiers (BEP 12) behind {@link dev.arietta.bittorrent.internal.tracker.Announcer}.
 */
package dev.arietta.bittorrent.internal.tracker;
