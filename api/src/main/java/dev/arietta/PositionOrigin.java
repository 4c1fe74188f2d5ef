package dev.arietta;

/** What a {@link Session#changePosition} offset counts from, as aria2's {@code POS_SET/POS_CUR/POS_END}. */
public enum PositionOrigin {
    /** From the front of the waiting queue: 0 is first. */
    SET,
    /** From the download's current position: -1 moves it one place forward. */
    CUR,
    /** From the back of the queue: 0 is last, -1 one before last. */
    END
}
