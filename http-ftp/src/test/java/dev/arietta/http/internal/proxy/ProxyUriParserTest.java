package dev.arietta.http.internal.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arietta.core.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProxyUriParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "proxy.example.com                   | HTTP  | proxy.example.com | 80    | NULL   | NULL",
        "proxy.example.com:3128              | HTTP  | proxy.example.com | 3128  | NULL   | NULL",
        "http://proxy:8080                   | HTTP  | proxy             | 8080  | NULL   | NULL",
        "HTTP://Proxy.Example.COM:8080/      | HTTP  | proxy.example.com | 8080  | NULL   | NULL",
        "https://secure-proxy                | HTTPS | secure-proxy      | 443   | NULL   | NULL",
        "http://alice:s3cret@proxy:3128      | HTTP  | proxy             | 3128  | alice  | s3cret",
        "alice:s3cret@proxy                  | HTTP  | proxy             | 80    | alice  | s3cret",
        "alice@proxy                         | HTTP  | proxy             | 80    | alice  | ''",
        "a%40b:p%3Aw%25d@proxy               | HTTP  | proxy             | 80    | a@b    | p:w%d",
        "user:p@ss@proxy                     | HTTP  | proxy             | 80    | user   | p@ss",
        "u:%C3%A9@proxy                      | HTTP  | proxy             | 80    | u      | \u00e9",
        "[::1]:8080                          | HTTP  | ::1               | 8080  | NULL   | NULL",
        "http://[2001:db8::1]                | HTTP  | 2001:db8::1       | 80    | NULL   | NULL",
        "'  10.0.0.1:65535  '                | HTTP  | 10.0.0.1          | 65535 | NULL   | NULL",
        "proxy_host.internal:1               | HTTP  | proxy_host.internal | 1   | NULL   | NULL",
    })
    void parsesAria2Syntax(String value, ProxyServer.Scheme scheme, String host, int port, String user,
                           String password) throws ProxyOptionException {
        ProxyUriParser.Parsed parsed = ProxyUriParser.parse("http-proxy", value);
        assertEquals(scheme, parsed.scheme());
        assertEquals(host, parsed.host());
        assertEquals(port, parsed.port());
        assertEquals(user, parsed.user());
        assertEquals(password, parsed.password());
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', value = {
        "socks5://proxy:1080              | http-proxy: unsupported proxy scheme 'socks5' (only http and https proxies are supported)",
        "ftp://proxy                      | http-proxy: unsupported proxy scheme 'ftp' (only http and https proxies are supported)",
        "''                               | http-proxy: no proxy host",
        "http://                          | http-proxy: no proxy host",
        "user:secret@                     | http-proxy: no proxy host",
        "proxy:0                          | http-proxy: proxy port out of range: 0",
        "proxy:65536                      | http-proxy: proxy port out of range: 65536",
        "proxy:123456                     | http-proxy: bad proxy port",
        "proxy:                           | http-proxy: bad proxy port",
        "proxy:80a                        | http-proxy: bad proxy port",
        "proxy:-1                         | http-proxy: bad proxy port",
        "http://proxy/path                | http-proxy: a proxy URI has no path, query or fragment",
        "proxy?x=1                        | http-proxy: a proxy URI has no path, query or fragment",
        "pro xy                           | http-proxy: bad proxy host",
        "[::1                             | http-proxy: unterminated '[' in proxy host",
        "[not-v6]:80                      | http-proxy: bad IPv6 address in proxy host",
        "[10.0.0.1]:80                    | http-proxy: bad IPv6 address in proxy host",
        "[::1]x                           | http-proxy: unexpected text after proxy host",
        "u:bad%zzpass@proxy               | http-proxy: bad percent-encoding in proxy user or password",
    })
    void rejectsBadValuesWithoutLeakingPasswords(String value, String message) {
        ProxyOptionException failure = assertThrows(ProxyOptionException.class,
                () -> ProxyUriParser.parse("http-proxy", value));
        assertEquals(message, failure.getMessage());
        assertEquals("http-proxy", failure.option());
        assertEquals(ErrorCode.BAD_OPTION, failure.errorCode());
        assertFalse(failure.getMessage().contains("secret"));
        assertFalse(failure.getMessage().contains("bad%zzpass"));
    }
}
