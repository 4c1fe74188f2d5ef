/**
 * Arietta's FTP client: the public error type. The protocol state machine and the transport
 * live in {@code dev.arietta.ftp.internal}.
 */
package dev.arietta.ftp;
