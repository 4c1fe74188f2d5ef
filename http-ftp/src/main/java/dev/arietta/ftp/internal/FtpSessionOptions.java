package dev.arietta.ftp.internal;

import java.util.Objects;

/**
 * Settings of the FTP client's sessions ({@link FtpClient}).
 *
 * @param connectTimeoutMillis how long to wait for a control or data connection, in ms
 *     (aria2 {@code connect-timeout}); default {@value #DEFAULT_CONNECT_TIMEOUT_MILLIS}
 * @param readTimeoutMillis how long to wait for any reply or data bytes, in ms
 *     (aria2 {@code timeout}); default {@value #DEFAULT_READ_TIMEOUT_MILLIS}
 * @param activeMode whether to use active mode (EPRT/PORT, the client listens) instead of
 *     passive mode (EPSV/PASV); default passive, as aria2's {@code ftp-pasv=true}
 * @param passiveAddressPolicy what to do with PASV reply addresses; default
 *     {@link PassiveAddressPolicy#REJECT_MISMATCH}
 * @param limits reply bounds; default {@link FtpLimits#DEFAULTS}
 * @param extendedPassive whether passive mode tries EPSV before PASV; default {@code true}.
 *     {@code false} sends PASV directly on IPv4 (IPv6 always uses EPSV)
 * @param asciiType whether files are transferred in ASCII mode ({@code TYPE A}, aria2's
 *     {@code ftp-type=ascii}) instead of binary ({@code TYPE I}); default binary. In ASCII mode
 *     the server may rewrite line ends, so the bytes sent are not the file's: a retrieval then
 *     asks no {@code SIZE}, the length is unknown and the file is not split or resumed
 */
public record FtpSessionOptions(int connectTimeoutMillis, int readTimeoutMillis, boolean activeMode,
                                PassiveAddressPolicy passiveAddressPolicy, FtpLimits limits,
                                boolean extendedPassive, boolean asciiType) {
    /** Default {@link #connectTimeoutMillis()}: aria2's 60 s. */
    public static final int DEFAULT_CONNECT_TIMEOUT_MILLIS = 60_000;
    /** Default {@link #readTimeoutMillis()}: aria2's 60 s. */
    public static final int DEFAULT_READ_TIMEOUT_MILLIS = 60_000;
    /** All defaults. */
    public static final FtpSessionOptions DEFAULTS = new FtpSessionOptions(DEFAULT_CONNECT_TIMEOUT_MILLIS,
            DEFAULT_READ_TIMEOUT_MILLIS, false, PassiveAddressPolicy.REJECT_MISMATCH, FtpLimits.DEFAULTS, true, false);

    public FtpSessionOptions {
        Objects.requireNonNull(passiveAddressPolicy, "passiveAddressPolicy");
        Objects.requireNonNull(limits, "limits");
        if (connectTimeoutMillis < 1 || readTimeoutMillis < 1) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** A shorter way to set the commonly changed settings, keeping the defaults for the rest. */
    public FtpSessionOptions(int connectTimeoutMillis, int readTimeoutMillis, boolean activeMode,
                             PassiveAddressPolicy passiveAddressPolicy, FtpLimits limits) {
        this(connectTimeoutMillis, readTimeoutMillis, activeMode, passiveAddressPolicy, limits, true, false);
    }

    /** These options in active or passive mode. */
    public FtpSessionOptions withActiveMode(boolean active) {
        return new FtpSessionOptions(connectTimeoutMillis, readTimeoutMillis, active, passiveAddressPolicy, limits,
                extendedPassive, asciiType);
    }

    /** These options with EPSV tried first or not. */
    public FtpSessionOptions withExtendedPassive(boolean extended) {
        return new FtpSessionOptions(connectTimeoutMillis, readTimeoutMillis, activeMode, passiveAddressPolicy, limits,
                extended, asciiType);
    }

    /** These options with ASCII ({@code TYPE A}) or binary ({@code TYPE I}) transfers. */
    public FtpSessionOptions withAsciiType(boolean ascii) {
        return new FtpSessionOptions(connectTimeoutMillis, readTimeoutMillis, activeMode, passiveAddressPolicy, limits,
                extendedPassive, ascii);
    }
}
