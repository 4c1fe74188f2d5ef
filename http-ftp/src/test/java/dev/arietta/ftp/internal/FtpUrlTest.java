package dev.arietta.ftp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arietta.core.ErrorCode;
import dev.arietta.ftp.FtpException;
import dev.arietta.http.internal.netrc.Netrc;
import dev.arietta.http.internal.netrc.NetrcLimits;
import dev.arietta.http.internal.netrc.NetrcParser;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FtpUrlTest {

    @Test
    void splitsDirectoriesAndFile() throws FtpException {
        FtpUrl url = FtpUrl.parse(URI.create("ftp://ftp.example.com/pub/linux/x.iso"));
        assertEquals("ftp.example.com", url.host());
        assertEquals(21, url.port());
        assertEquals(List.of("pub", "linux"), url.directories());
        assertEquals("x.iso", url.fileName());
        assertNull(url.user());
        assertNull(url.password());
    }

    @Test
    void decodesElementsIntoOctets() throws FtpException {
        FtpUrl url = FtpUrl.parse(URI.create("ftp://[::1]:2121/%2Fetc//a%20b/caf%C3%A9%E4.txt;type=i"));
        assertEquals("::1", url.host());
        assertEquals(2121, url.port());
        assertEquals(List.of("/etc", "a b"), url.directories());
        assertEquals("caf\u00c3\u00a9\u00e4.txt", url.fileName());
    }

    @Test
    void userInfoIsDecodedAndMasked() throws FtpException {
        FtpUrl url = FtpUrl.parse(URI.create("ftp://al%40ice:p%3Ass@host/f"));
        assertEquals("al@ice", url.user());
        assertEquals("p:ss", url.password());
        assertEquals("ftp://al%40ice:***@host/f", url.masked());
        assertEquals("ftp://al%40ice:***@host/f", url.toString());
        FtpUrl noPassword = FtpUrl.parse(URI.create("ftp://bob@host/f"));
        assertEquals("bob", noPassword.user());
        assertNull(noPassword.password());
        assertEquals("ftp://bob@host/f", noPassword.masked());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "http://host/file                 | not an ftp URL",
        "ftp:///file                      | no host",
        "ftp://host                       | no file name (directory listings are not supported)",
        "ftp://host/                      | no file name (directory listings are not supported)",
        "ftp://host/dir/                  | no file name (directory listings are not supported)",
        "ftp://host/a%0D%0ADELE%20x       | CR, LF or NUL in path",
        "ftp://host/a%00b                 | CR, LF or NUL in path",
        "ftp://u%0Ax:secret@host/f        | CR, LF or NUL in user",
        "ftp://u:se%0Dcret@host/f         | CR, LF or NUL in password",
        "ftp://host:0/f                   | bad port 0",
    })
    void rejectsUnusableUrls(String text, String detail) {
        FtpException failure = assertThrows(FtpException.class, () -> FtpUrl.parse(URI.create(text)));
        assertEquals(FtpException.Reason.BAD_URL, failure.reason());
        assertEquals(ErrorCode.UNKNOWN, failure.errorCode());
        assertFalse(failure.getMessage().contains("secret"), failure.getMessage());
        assertEquals(detail, failure.getMessage().substring(failure.getMessage().indexOf(": ") + 2,
                failure.getMessage().lastIndexOf(" (")));
    }

    private static Netrc netrc(String text) throws Exception {
        return NetrcParser.parse(text, ".netrc", NetrcLimits.DEFAULTS);
    }

    @Test
    void credentialsPreferUrlThenNetrcThenDefaults() throws Exception {
        Netrc netrc = netrc("machine host login nuser password npass account nacct\n"
                + "machine other login bob password bobpass\n"
                + "default login duser password dpass\n");
        assertEquals(new FtpCredentials("u", "p", null), FtpCredentials.resolve(
                FtpUrl.parse(URI.create("ftp://u:p@host/f")), netrc, "anonymous", "arietta@"));
        assertEquals(new FtpCredentials("nuser", "npass", "nacct"), FtpCredentials.resolve(
                FtpUrl.parse(URI.create("ftp://HOST/f")), netrc, "anonymous", "arietta@"));
        assertEquals(new FtpCredentials("bob", "bobpass", null), FtpCredentials.resolve(
                FtpUrl.parse(URI.create("ftp://bob@other/f")), netrc, "anonymous", "arietta@"));
        assertEquals(new FtpCredentials("carol", "", null), FtpCredentials.resolve(
                FtpUrl.parse(URI.create("ftp://carol@other/f")), netrc, "anonymous", "arietta@"));
        assertEquals(new FtpCredentials("duser", "dpass", null), FtpCredentials.resolve(
                FtpUrl.parse(URI.create("ftp://elsewhere/f")), netrc, "anonymous", "arietta@"));
        assertEquals(new FtpCredentials("anonymous", "arietta@", null), FtpCredentials.resolve(
                FtpUrl.parse(URI.create("ftp://elsewhere/f")), Netrc.empty(), "anonymous", "arietta@"));
        assertEquals(new FtpCredentials("anonymous", "arietta@", null), FtpCredentials.resolve(
                FtpUrl.parse(URI.create("ftp://anonymous@elsewhere/f")), Netrc.empty(), "anonymous", "arietta@"));
    }

    @Test
    void netrcUnicodeIsSentAsUtf8Octets() throws Exception {
        FtpCredentials credentials = FtpCredentials.resolve(FtpUrl.parse(URI.create("ftp://h/f")),
                netrc("machine h login j\u00f6rg password p\u00e4ss"), "anonymous", "arietta@");
        assertEquals("j\u00c3\u00b6rg", credentials.user());
        assertEquals("p\u00c3\u00a4ss", credentials.password());
        assertFalse(credentials.toString().contains("p\u00c3\u00a4ss"));
        assertEquals("FtpCredentials[user=j\u00f6rg, password=***]", credentials.toString());
    }
}
