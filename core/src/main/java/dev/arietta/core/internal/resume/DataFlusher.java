package dev.arietta.core.internal.resume;

import java.io.IOException;

/**
 * Makes a download's data durable (writes out cached blocks and fsyncs the files) before its
 * resume state is written, so that a state never claims pieces whose bytes a crash could still
 * lose. {@link ResumeStateFile#save} takes one and calls it first.
 */
@FunctionalInterface
public interface DataFlusher {

    /**
     * Flushes and forces every file of the download to stable storage.
     *
     * @throws IOException if the data could not be made durable; the state is then not written
     */
    void flush() throws IOException;
}
