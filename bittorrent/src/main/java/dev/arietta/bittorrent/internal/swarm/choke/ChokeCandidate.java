package dev.arietta.bittorrent.internal.swarm.choke;

/** What the {@link Choker} looks at in one connected peer. Read on the loop thread during a round. */
public interface ChokeCandidate {

    /** The peer wants our pieces; only interested peers take upload slots. */
    boolean peerInterested();

    /** The peer sent us nothing for a long time while we waited: it ranks last while we download. */
    boolean isSnubbed();

    /** Payload bytes per second the peer sends us. */
    long downloadRate();

    /** Payload bytes per second we send the peer. */
    long uploadRate();

    /** When the connection was established, on the loop clock: new peers are favoured for the optimistic unchoke. */
    long connectedSinceNanos();
}
