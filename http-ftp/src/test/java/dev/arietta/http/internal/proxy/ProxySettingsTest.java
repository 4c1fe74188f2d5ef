package dev.arietta.http.internal.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProxySettingsTest {

    private static Optional<ProxyServer> select(Map<String, String> options, Map<String, String> env, String uri)
            throws ProxyOptionException {
        return ProxySettings.of(options, env).select(URI.create(uri));
    }

    private static String address(Map<String, String> options, Map<String, String> env, String uri)
            throws ProxyOptionException {
        return select(options, env, uri).map(ProxyServer::address).orElse("direct");
    }

    @Test
    void nothingConfiguredMeansDirect() throws ProxyOptionException {
        assertEquals("direct", address(Map.of(), Map.of(), "http://example.com/"));
    }

    @Test
    void perSchemeOptionsApplyToTheirScheme() throws ProxyOptionException {
        Map<String, String> options = Map.of("http-proxy", "h:1", "https-proxy", "s:2", "ftp-proxy", "f:3");
        assertEquals("http://h:1", address(options, Map.of(), "http://example.com/"));
        assertEquals("http://s:2", address(options, Map.of(), "https://example.com/"));
        assertEquals("http://f:3", address(options, Map.of(), "ftp://example.com/"));
        assertEquals("direct", address(options, Map.of(), "sftp://example.com/"));
        assertEquals("direct", address(options, Map.of(), "magnet:?xt=urn:btih:0"));
    }

    @Test
    void allProxyFillsInAndSpecificOptionWins() throws ProxyOptionException {
        Map<String, String> options = Map.of("all-proxy", "all:8", "https-proxy", "s:2");
        assertEquals("http://all:8", address(options, Map.of(), "http://example.com/"));
        assertEquals("http://s:2", address(options, Map.of(), "https://example.com/"));
        assertEquals("http://all:8", address(options, Map.of(), "ftp://example.com/"));
    }

    @Test
    void environmentIsUsedWhenNoOptionIsSet() throws ProxyOptionException {
        Map<String, String> env = Map.of("http_proxy", "http://envh:3128", "HTTPS_PROXY", "envs:3129",
                "ALL_PROXY", "envall:1");
        assertEquals("http://envh:3128", address(Map.of(), env, "http://example.com/"));
        assertEquals("http://envs:3129", address(Map.of(), env, "https://example.com/"));
        assertEquals("http://envall:1", address(Map.of(), env, "ftp://example.com/"));
    }

    @Test
    void lowerCaseVariableBeatsUpperCase() throws ProxyOptionException {
        Map<String, String> env = Map.of("https_proxy", "lower:1", "HTTPS_PROXY", "upper:2",
                "no_proxy", "a.test", "NO_PROXY", "b.test");
        assertEquals("http://lower:1", address(Map.of(), env, "https://example.com/"));
        assertEquals("direct", address(Map.of(), env, "https://a.test/"));
        assertEquals("http://lower:1", address(Map.of(), env, "https://b.test/"));
    }

    @Test
    void anyOptionBeatsAnyEnvironmentVariable() throws ProxyOptionException {
        Map<String, String> env = Map.of("http_proxy", "envh:1");
        assertEquals("http://opt:2", address(Map.of("all-proxy", "opt:2"), env, "http://example.com/"));
    }

    @Test
    void emptyOptionDisablesEnvironmentProxy() throws ProxyOptionException {
        Map<String, String> env = Map.of("http_proxy", "envh:1", "all_proxy", "envall:2");
        assertEquals("direct", address(Map.of("http-proxy", ""), env, "http://example.com/"));
        assertEquals("envall", select(Map.of("http-proxy", ""), env, "ftp://example.com/").orElseThrow().host());
    }

    @Test
    void noProxyOptionOverridesEnvironmentEvenWhenEmpty() throws ProxyOptionException {
        Map<String, String> env = Map.of("http_proxy", "p:1", "no_proxy", "example.com");
        assertEquals("direct", address(Map.of(), env, "http://example.com/"));
        assertEquals("http://p:1", address(Map.of("no-proxy", ""), env, "http://example.com/"));
        assertEquals("direct", address(Map.of("no-proxy", "10.0.0.0/8"), env, "http://10.9.8.7:8080/"));
        assertEquals("http://p:1", address(Map.of("no-proxy", "10.0.0.0/8"), env, "http://example.com/"));
    }

    @Test
    void credentialsFromUriAndOptions() throws ProxyOptionException {
        ProxyServer fromUri = select(Map.of("http-proxy", "http://u:p@h:1"), Map.of(), "http://x/").orElseThrow();
        assertEquals(Optional.of(new ProxyCredentials("u", "p")), fromUri.credentials());

        Map<String, String> options = new HashMap<>();
        options.put("http-proxy", "http://u:p@h:1");
        options.put("http-proxy-user", "optuser");
        options.put("all-proxy-passwd", "allpass");
        ProxyServer overridden = select(options, Map.of(), "http://x/").orElseThrow();
        assertEquals(Optional.of(new ProxyCredentials("optuser", "allpass")), overridden.credentials());

        ProxyServer envWithOptionUser = select(Map.of("https-proxy-user", "eu", "https-proxy-passwd", "ep"),
                Map.of("https_proxy", "h:2"), "https://x/").orElseThrow();
        assertEquals(Optional.of(new ProxyCredentials("eu", "ep")), envWithOptionUser.credentials());

        ProxyServer onlyUser = select(Map.of("ftp-proxy", "h:3", "ftp-proxy-user", "anon"), Map.of(), "ftp://x/")
                .orElseThrow();
        assertEquals(Optional.of(new ProxyCredentials("anon", "")), onlyUser.credentials());
        assertEquals(Optional.empty(), select(Map.of("ftp-proxy", "h:3"), Map.of(), "ftp://x/").orElseThrow().credentials());
    }

    @Test
    void toStringMasksPassword() throws ProxyOptionException {
        ProxyServer server = select(Map.of("http-proxy", "http://alice:hunter2@proxy:3128"), Map.of(), "http://x/")
                .orElseThrow();
        assertEquals("ProxyServer[http://alice:***@proxy:3128]", server.toString());
        assertFalse(server.credentials().orElseThrow().toString().contains("hunter2"));
        ProxySettings settings = ProxySettings.of(Map.of("http-proxy", "http://alice:hunter2@proxy:3128"), Map.of());
        assertFalse(settings.toString().contains("hunter2"), settings.toString());
    }

    @Test
    void ipv6ProxyAddressIsBracketed() throws ProxyOptionException {
        assertEquals("https://[::1]:8443", address(Map.of("all-proxy", "https://[::1]:8443"), Map.of(), "http://x/"));
    }

    @Test
    void badOptionFails() {
        ProxyOptionException failure = assertThrows(ProxyOptionException.class,
                () -> ProxySettings.of(Map.of("https-proxy", "socks5://h:1080"), Map.of()));
        assertEquals("https-proxy", failure.option());
        ProxyOptionException badNoProxy = assertThrows(ProxyOptionException.class,
                () -> ProxySettings.of(Map.of("no-proxy", "10.0.0.0/99"), Map.of()));
        assertEquals("no-proxy", badNoProxy.option());
    }

    @Test
    void badEnvironmentIsIgnoredAndReported() throws ProxyOptionException {
        Map<String, String> env = Map.of("all_proxy", "socks5://127.0.0.1:9050", "ALL_PROXY", "good:8",
                "http_proxy", "http://u:leak@:0", "no_proxy", "10.0.0.0/99");
        ProxySettings settings = ProxySettings.of(Map.of(), env);
        assertEquals("http://good:8", settings.select(URI.create("http://x/")).orElseThrow().address());
        List<String> ignored = settings.ignoredEnvironment();
        assertEquals(List.of("http_proxy: no proxy host",
                "all_proxy: unsupported proxy scheme 'socks5' (only http and https proxies are supported)",
                "no_proxy: CIDR prefix /99 too long in '10.0.0.0/99'"), ignored);
        assertTrue(ignored.stream().noneMatch(message -> message.contains("leak")));
    }
}
