package dev.arietta.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.Options;
import dev.arietta.core.internal.loop.SocketSettings;
import dev.arietta.ftp.internal.FtpCredentials;
import dev.arietta.ftp.internal.FtpSessionOptions;
import dev.arietta.ftp.internal.FtpUrl;
import dev.arietta.http.internal.netrc.Netrc;
import dev.arietta.http.internal.netrc.NetrcLimits;
import dev.arietta.http.internal.netrc.NetrcParser;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How download options become the FTP client's settings and logins. */
class FtpClientsTest {

    private static final Netrc NETRC = parse("machine files.example login alice password wonderland\n");

    private static Netrc parse(String text) {
        try {
            return NetrcParser.parse(text, "test netrc", NetrcLimits.DEFAULTS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static FtpCredentials login(String url, Options options) throws Exception {
        return FtpClients.credentials(options, NETRC).apply(FtpUrl.parse(URI.create(url)));
    }

    @ParameterizedTest(name = "{0} with {1} -> {2}:{3}")
    @CsvSource(delimiter = '|', value = {
        // URL user info beats everything
        "ftp://bob:pw@files.example/f | ftp-user=carol,ftp-passwd=secret | bob | pw",
        // netrc beats ftp-user / ftp-passwd
        "ftp://files.example/f | ftp-user=carol,ftp-passwd=secret | alice | wonderland",
        // no-netrc skips it
        "ftp://files.example/f | no-netrc=true,ftp-user=carol,ftp-passwd=secret | carol | secret",
        // other hosts use the options
        "ftp://other.example/f | ftp-user=carol,ftp-passwd=secret | carol | secret",
        // defaults: anonymous
        "ftp://other.example/f | | anonymous | arietta@",
    })
    void credentialsFollowAria2sOrder(String url, String options, String user, String password) throws Exception {
        FtpCredentials credentials = login(url, options(options));
        assertEquals(user, credentials.user());
        assertEquals(password, credentials.password());
    }

    @Test
    void timeoutsAndPassiveModeBecomeSessionOptions() {
        FtpSessionOptions defaults = FtpClients.sessionOptions(Options.of(Map.of()));
        assertEquals(60_000, defaults.connectTimeoutMillis());
        assertEquals(60_000, defaults.readTimeoutMillis());
        assertFalse(defaults.activeMode());
        FtpSessionOptions set = FtpClients.sessionOptions(
                Options.of(Map.of("connect-timeout", "7", "timeout", "11", "ftp-pasv", "false")));
        assertEquals(7_000, set.connectTimeoutMillis());
        assertEquals(11_000, set.readTimeoutMillis());
        assertTrue(set.activeMode());
    }

    @Test
    void ftpTypeAsciiBecomesTheAsciiTransferType() {
        assertFalse(FtpClients.sessionOptions(Options.of(Map.of())).asciiType(), "binary by default");
        assertFalse(FtpClients.sessionOptions(Options.of(Map.of("ftp-type", "binary"))).asciiType());
        assertTrue(FtpClients.sessionOptions(Options.of(Map.of("ftp-type", "ascii"))).asciiType());
    }

    @Test
    void socketOptionsBecomeTheSocketSettingsOfBothClients() {
        assertEquals(SocketSettings.DEFAULTS, HttpClients.socketSettings(Options.of(Map.of())));
        assertEquals(new SocketSettings(64 * 1024, true), HttpClients.socketSettings(
                Options.of(Map.of("socket-recv-buffer-size", "64K", "disable-ipv6", "true"))));
    }

    private static Options options(String pairs) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        if (pairs != null) {
            for (String pair : pairs.split(",")) {
                String[] parts = pair.split("=", 2);
                map.put(parts[0], parts[1]);
            }
        }
        return Options.of(map);
    }
}
