package dev.arietta.http.internal.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NoProxyRulesTest {
    private static final String LIST =
            "localhost, .internal.example, example.com,*.wild.test, 10.0.0.0/8,192.168.1.7, fd00::/8, [::1], 172.16.0.0/12,"
            + " mirror.test:8080, ,";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "localhost, true",
        "LOCALHOST, true",
        "localhost., true",
        "sub.localhost, true",
        "internal.example, true",
        "a.internal.example, true",
        "xinternal.example, false",
        "example.com, true",
        "www.example.com, true",
        "badexample.com, false",
        "example.com.evil.org, false",
        "a.wild.test, true",
        "wild.test, true",
        "mirror.test, true",
        "10.1.2.3, true",
        "11.1.2.3, false",
        "192.168.1.7, true",
        "192.168.1.8, false",
        "172.16.5.4, true",
        "172.32.0.1, false",
        "[fd12::1], true",
        "[fe80::1], false",
        "[::1], true",
        "[0:0:0:0:0:0:0:1], true",
        "other.org, false",
    })
    void matchesHostsDomainsAddressesAndBlocks(String host, boolean expected) throws ProxyOptionException {
        assertEquals(expected, NoProxyRules.parse("no-proxy", LIST).matches(host));
    }

    @Test
    void hostNamesAreNotResolvedForAddressRules() throws ProxyOptionException {
        assertFalse(NoProxyRules.parse("no-proxy", "127.0.0.0/8").matches("localhost"));
    }

    @Test
    void starMatchesEverything() throws ProxyOptionException {
        assertTrue(NoProxyRules.parse("no_proxy", "*").matches("anything.example"));
        assertFalse(NoProxyRules.none().matches("anything.example"));
    }

    @Test
    void zeroPrefixMatchesAllOfOneFamily() throws ProxyOptionException {
        NoProxyRules rules = NoProxyRules.parse("no-proxy", "0.0.0.0/0");
        assertTrue(rules.matches("8.8.8.8"));
        assertFalse(rules.matches("[2001:db8::1]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0.0/", "10.0.0.0/x", "notanip/8", "fd00::/129", "a b", "[bad"})
    void rejectsMalformedEntries(String entry) {
        ProxyOptionException failure = assertThrows(ProxyOptionException.class,
                () -> NoProxyRules.parse("no-proxy", "ok.example," + entry));
        assertEquals("no-proxy", failure.option());
    }
}
