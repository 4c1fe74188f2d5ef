/**
 * Choking (BEP 3): which interested peers we upload to. Pure decisions over
 * {@link dev.arietta.bittorrent.internal.swarm.choke.ChokeCandidate} views; the swarm applies
 * them. Loop thread only.
 */
package dev.arietta.bittorrent.internal.swarm.choke;
