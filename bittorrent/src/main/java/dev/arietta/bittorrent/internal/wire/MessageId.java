package dev.arietta.bittorrent.internal.wire;

/** Peer wire message ids: BEP 3 (0–8), BEP 5 port (9), BEP 6 fast extension (13–17), BEP 10 extended (20). */
public final class MessageId {

    public static final int CHOKE = 0;
    public static final int UNCHOKE = 1;
    public static final int INTERESTED = 2;
    public static final int NOT_INTERESTED = 3;
    public static final int HAVE = 4;
    public static final int BITFIELD = 5;
    public static final int REQUEST = 6;
    public static final int PIECE = 7;
    public static final int CANCEL = 8;
    public static final int PORT = 9;
    public static final int SUGGEST = 13;
    public static final int HAVE_ALL = 14;
    public static final int HAVE_NONE = 15;
    public static final int REJECT = 16;
    public static final int ALLOWED_FAST = 17;
    public static final int EXTENDED = 20;

    /** The BEP 10 extended message id of the extension handshake. */
    public static final int EXTENSION_HANDSHAKE = 0;

    private MessageId() {
    }

    /** A readable name for messages and logs. */
    public static String name(int id) {
        return switch (id) {
            case CHOKE -> "choke";
            case UNCHOKE -> "unchoke";
            case INTERESTED -> "interested";
            case NOT_INTERESTED -> "not interested";
            case HAVE -> "have";
            case BITFIELD -> "bitfield";
            case REQUEST -> "request";
            case PIECE -> "piece";
            case CANCEL -> "cancel";
            case PORT -> "port";
            case SUGGEST -> "suggest";
            case HAVE_ALL -> "have all";
            case HAVE_NONE -> "have none";
            case REJECT -> "reject";
            case ALLOWED_FAST -> "allowed fast";
            case EXTENDED -> "extended";
            default -> "message " + id;
        };
    }
}
