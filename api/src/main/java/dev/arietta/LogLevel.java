package dev.arietta;

/** Values of {@link Option#LOG_LEVEL} and {@link Option#CONSOLE_LOG_LEVEL}, from most to least verbose. */
public enum LogLevel {
    /** Everything, including protocol traces. */
    DEBUG("debug"),
    /** Progress of each download and connection. */
    INFO("info"),
    /** Things a user should notice: starts, completions. */
    NOTICE("notice"),
    /** Problems that did not stop a download. */
    WARN("warn"),
    /** Failures only. */
    ERROR("error");

    private final String optionValue;

    LogLevel(String optionValue) {
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
