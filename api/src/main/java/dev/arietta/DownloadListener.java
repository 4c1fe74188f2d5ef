package dev.arietta;

/**
 * Receives download events. Called on the session's callback executor (by default one
 * dedicated daemon thread), never on the I/O thread, in order for each download. A listener
 * that throws is logged and the event counts as delivered; a listener that blocks delays only
 * later events (transfers carry on).
 */
@FunctionalInterface
public interface DownloadListener {

    /**
     * @param event    what happened
     * @param download the download it happened to; {@link DownloadHandle#status()} gives its
     *                 state now (which may already have moved on)
     */
    void onEvent(DownloadEvent event, DownloadHandle download);
}
