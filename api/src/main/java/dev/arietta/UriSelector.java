package dev.arietta;

/** Values of {@link Option#URI_SELECTOR}: how the next mirror is chosen among a download's URIs. */
public enum UriSelector {
    /** In the order the URIs were given. */
    INORDER("inorder"),
    /** The fastest mirror seen so far, measured during this session; skips dead mirrors (aria2's default). */
    FEEDBACK("feedback"),
    /** The best mirrors for the first connections, then mirrors not yet measured. */
    ADAPTIVE("adaptive");

    private final String optionValue;

    UriSelector(String optionValue) {
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
