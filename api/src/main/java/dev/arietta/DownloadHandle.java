package dev.arietta;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * One download of a {@link Session}: its gid and shortcuts to the session's operations on it.
 * Cheap, immutable and thread-safe; equal handles name the same download of the same session.
 *
 * <p>The methods block briefly while the session's I/O thread answers (never on disk or
 * network) and throw {@link IllegalStateException} once the session is shut down, except
 * {@link #status()} and {@link #completion()}, which keep answering with the last state.
 */
public final class DownloadHandle {

    private final Session session;
    private final long gid;

    DownloadHandle(Session session, long gid) {
        this.session = session;
        this.gid = gid;
    }

    /** The gid: 16 lower-case hex digits, as aria2 shows it. */
    public String gid() {
        return dev.arietta.internal.engine.Gids.format(gid);
    }

    /** The gid as a number. */
    public long gidValue() {
        return gid;
    }

    /** The session this download belongs to. */
    public Session session() {
        return session;
    }

    /** A snapshot of the download now (after shutdown: as it was when the session stopped). */
    public DownloadStatus status() {
        return session.status(gid);
    }

    /**
     * Completes when the download stops for good or the session shuts down, always normally,
     * with the outcome (check {@link DownloadResult#isSuccess()}). Completed on the callback
     * executor after the download's last event was delivered, so dependent stages run there.
     */
    public CompletableFuture<DownloadResult> completion() {
        return session.completion(gid);
    }

    /**
     * The open HTTP/FTP connections and their speeds ({@code getServers}); empty unless an
     * active HTTP/FTP download (a torrent's connections are its {@link #peers()}).
     */
    public List<ServerStatus> servers() {
        return session.servers(gid);
    }

    /**
     * The connected BitTorrent peers ({@code getPeers}); empty unless an active BitTorrent
     * download.
     */
    public List<PeerInfo> peers() {
        return session.peers(gid);
    }

    /** {@link Session#pause(String)} of this download. */
    public void pause() {
        session.pause(gid());
    }

    /** {@link Session#unpause(String)} of this download. */
    public void unpause() {
        session.unpause(gid());
    }

    /** {@link Session#remove(String)} of this download. */
    public void remove() {
        session.remove(gid());
    }

    /** {@link Session#getOptions(String)} of this download. */
    public Options options() {
        return session.getOptions(gid());
    }

    /** {@link Session#changeOption(String, Options)} of this download. */
    public void changeOption(Options changes) {
        session.changeOption(gid(), changes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DownloadHandle handle && handle.gid == gid && handle.session == session;
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(session), gid);
    }

    @Override
    public String toString() {
        return "DownloadHandle[" + gid() + "]";
    }
}
