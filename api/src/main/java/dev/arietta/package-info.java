/**
 * Arietta's public API: the session, download handles, events, status records and the option
 * layer. Options use aria2's names and value syntax ({@link dev.arietta.Option},
 * {@link dev.arietta.Options}); a bad name or value is an {@link dev.arietta.OptionException}
 * raised when it is set.
 */
package dev.arietta;
