package dev.arietta.internal.options;

import dev.arietta.Option;
import dev.arietta.OptionException;
import dev.arietta.Options;

/** Checks of where options may be used, for the engine's entry points. Stateless. */
public final class OptionScopes {

    private OptionScopes() {
    }

    /**
     * Checks options given for one download (aria2's {@code addUri} options, an input-file
     * entry): session-wide options are refused, where aria2 would silently ignore them.
     *
     * @return {@code options}
     * @throws OptionException naming the first session-wide option set
     */
    public static Options requirePerDownload(Options options) {
        for (Option<?> option : options.options()) {
            if (option.scope() == Option.Scope.GLOBAL) {
                throw new OptionException(option.name(), option.name()
                        + " is a global option; it cannot be set for one download");
            }
        }
        return options;
    }

    /**
     * Checks options to change on a download that has been added (aria2's {@code changeOption}).
     *
     * A {@link Option.Change#RESTART} option is accepted; on an active download the engine
     * pauses and restarts it to apply the value.
     *
     * @throws OptionException naming the first option that is session-wide or fixed once added
     */
    public static Options requireChangeableForDownload(Options options) {
        requirePerDownload(options);
        for (Option<?> option : options.options()) {
            if (option.change() == Option.Change.NEVER) {
                throw new OptionException(option.name(), option.name()
                        + " cannot be changed once the download is added");
            }
        }
        return options;
    }

    /**
     * Checks options to change on the running session (aria2's {@code changeGlobalOption}).
     *
     * @throws OptionException naming the first option that is fixed while the session runs
     */
    public static Options requireChangeableGlobally(Options options) {
        for (Option<?> option : options.options()) {
            if (!option.changeableGlobally()) {
                throw new OptionException(option.name(), option.name()
                        + " cannot be changed while the session runs");
            }
        }
        return options;
    }
}
