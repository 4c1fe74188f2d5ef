package dev.arietta;

/** Values of {@link Option#FOLLOW_METALINK}: what happens when a download turns out to be a Metalink. */
public enum FollowMetalink {
    /** Save the Metalink file and start the downloads it describes (aria2's default). */
    TRUE("true"),
    /** Save the Metalink file only. */
    FALSE("false"),
    /** Start the downloads it describes, keeping the Metalink in memory only (nothing is saved). */
    MEM("mem");

    private final String optionValue;

    FollowMetalink(String optionValue) {
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
