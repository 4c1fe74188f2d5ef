package dev.arietta;

/**
 * Values of {@link Option#FOLLOW_METALINK} and {@link Option#FOLLOW_TORRENT}: what happens when
 * a download turns out to be a Metalink or a .torrent file.
 */
public enum FollowMode {
    /** Save the file and start the downloads it describes (aria2's default). */
    TRUE("true"),
    /** Save the file only. */
    FALSE("false"),
    /**
     * Start the downloads it describes, keeping the file in memory only: nothing is saved, so
     * {@link Option#SAVE_SESSION} cannot write those downloads back.
     */
    MEM("mem");

    private final String optionValue;

    FollowMode(String optionValue) {
        this.optionValue = optionValue;
    }

    /** The word aria2 uses for this value on the command line and in session files. */
    public String optionValue() {
        return optionValue;
    }

    /** The aria2 word. */
    @Override
    public String toString() {
        return optionValue;
    }
}
