/**
 * The option layer's machinery: aria2 value syntaxes, the input-file / save-session format and
 * aria2c command-line parsing. Exported only to Arietta's own modules.
 */
package dev.arietta.internal.options;
