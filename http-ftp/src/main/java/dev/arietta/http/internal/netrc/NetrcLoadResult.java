package dev.arietta.http.internal.netrc;

/**
 * The outcome of {@link NetrcFile#load}: the entries to use (empty unless {@link Status#LOADED})
 * and why.
 *
 * @param status what happened
 * @param netrc the entries; {@link Netrc#empty()} unless loaded
 */
public record NetrcLoadResult(Status status, Netrc netrc) {

    /** What happened to the file. */
    public enum Status {
        /** The file was read and parsed. */
        LOADED,
        /** No file at the path: netrc authentication is simply not used. */
        MISSING,
        /**
         * The file is readable or writable by group or others, so it was ignored with a
         * warning, as aria2 does (".netrc file … does not have correct permissions. It should
         * be 600. netrc support disabled.").
         */
        IGNORED_UNSAFE_PERMISSIONS
    }
}
