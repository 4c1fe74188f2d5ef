package dev.arietta.bittorrent.internal.wire;

import java.io.IOException;
import java.util.Objects;

/**
 * A peer broke the wire protocol or one of {@link PeerWireLimits}: the message says what was
 * received and what was allowed (which piece, offset, length); {@link #reason()} is how the
 * connection closes because of it, {@link PeerCloseReason#PROTOCOL_VIOLATION} or
 * {@link PeerCloseReason#HANDSHAKE_FAILED}.
 */
public class PeerProtocolException extends IOException {

    private static final long serialVersionUID = 1L;

    private final PeerCloseReason reason;

    /** A {@link PeerCloseReason#PROTOCOL_VIOLATION}. */
    public PeerProtocolException(String message) {
        this(PeerCloseReason.PROTOCOL_VIOLATION, message);
    }

    public PeerProtocolException(PeerCloseReason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** How the connection closes because of this violation. */
    public PeerCloseReason reason() {
        return reason;
    }
}
