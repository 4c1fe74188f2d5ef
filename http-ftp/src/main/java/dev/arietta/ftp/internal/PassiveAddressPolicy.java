package dev.arietta.ftp.internal;

/**
 * What to do with the address in a PASV (227) reply. The data connection always goes to the
 * control connection's peer: connecting to an address chosen by the server would let a hostile
 * server aim the client at a third host (the FTP bounce problem), which is why curl ignores the
 * PASV address by default ({@code --ftp-skip-pasv-ip}). EPSV replies carry no address.
 */
public enum PassiveAddressPolicy {
    /**
     * Default: refuse a 227 reply naming another address than the control peer
     * ({@code PASSIVE_ADDRESS_MISMATCH}), except {@code 0.0.0.0}, which some servers send to
     * mean "this host".
     */
    REJECT_MISMATCH,
    /**
     * Ignore the 227 address and use the control peer, like curl's default; for servers behind
     * NAT that announce a private address.
     */
    USE_CONTROL_PEER
}
