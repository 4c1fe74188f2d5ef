package dev.arietta.http.internal.netrc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.ErrorCode;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetrcParserTest {

    private static Netrc parse(String text) throws NetrcException {
        return NetrcParser.parse(text, ".netrc", NetrcLimits.DEFAULTS);
    }

    @Test
    void parsesMachinesOnOneOrManyLines() throws NetrcException {
        Netrc netrc = parse("machine ftp.example.com login alice password s3cret\n"
                + "machine mirror.example.org\n"
                + "    login bob\n"
                + "    password \"pass word\"\n"
                + "    account acct1\n");
        NetrcEntry alice = netrc.find("ftp.example.com").orElseThrow();
        assertEquals(new NetrcEntry("ftp.example.com", "alice", "s3cret", null), alice);
        assertEquals(new NetrcEntry("mirror.example.org", "bob", "pass word", "acct1"),
                netrc.find("MIRROR.example.ORG").orElseThrow());
        assertEquals(Optional.empty(), netrc.find("other.example.com"));
    }

    @Test
    void defaultEntryAppliesToUnknownHosts() throws NetrcException {
        Netrc netrc = parse("machine a.example login a password pa\ndefault login anonymous password me@example.com\n");
        assertEquals("a", netrc.find("a.example").orElseThrow().login());
        NetrcEntry fallback = netrc.find("b.example").orElseThrow();
        assertTrue(fallback.isDefault());
        assertEquals("me@example.com", fallback.password());
    }

    @Test
    void firstMatchingMachineWins() throws NetrcException {
        Netrc netrc = parse("machine h login first password 1\nmachine h login second password 2\n");
        assertEquals("first", netrc.find("h").orElseThrow().login());
        assertEquals("2", netrc.find("h", "second").orElseThrow().password());
        assertEquals(Optional.empty(), netrc.find("h", "third"));
    }

    @Test
    void macdefBodiesAreSkippedUntilBlankLine() throws NetrcException {
        Netrc netrc = parse("machine a login x password y\n"
                + "macdef init\n"
                + "cd /pub\n"
                + "machine evil login e password e\n"
                + "\n"
                + "machine b login bx password by\n");
        assertEquals(2, netrc.machines().size());
        assertEquals("bx", netrc.find("b").orElseThrow().login());
        assertEquals(Optional.empty(), netrc.find("evil"));
    }

    @Test
    void macdefAtEndOfFileIsFine() throws NetrcException {
        assertEquals(1, parse("machine a login x\r\nmacdef m\r\ncmd\r\n").machines().size());
    }

    @Test
    void commentsAndHashPasswords() throws NetrcException {
        Netrc netrc = parse("# my hosts\nmachine a login x password #notacomment # trailing comment words\n"
                + "  # indented comment\nmachine b login y\n");
        assertEquals("#notacomment", netrc.find("a").orElseThrow().password());
        assertEquals("y", netrc.find("b").orElseThrow().login());
    }

    @Test
    void quotedValuesWithEscapes() throws NetrcException {
        Netrc netrc = parse("machine a login \"al ice\" password \"q\\\"uote\\\\back\\tslash\"");
        NetrcEntry entry = netrc.find("a").orElseThrow();
        assertEquals("al ice", entry.login());
        assertEquals("q\"uote\\back\tslash", entry.password());
    }

    @Test
    void ipv6MachineMatchesWithOrWithoutBrackets() throws NetrcException {
        Netrc netrc = parse("machine [::1] login v6\n");
        assertEquals("v6", netrc.find("[::1]").orElseThrow().login());
        assertEquals("v6", netrc.find("::1").orElseThrow().login());
    }

    @Test
    void emptyFileHasNoEntries() throws NetrcException {
        Netrc netrc = parse("  \n\n");
        assertTrue(netrc.machines().isEmpty());
        assertFalse(netrc.defaultEntry().isPresent());
    }

    @Test
    void toStringMasksSecrets() throws NetrcException {
        String text = parse("machine a login x password topsecret account acctsecret").find("a").orElseThrow().toString();
        assertFalse(text.contains("topsecret"), text);
        assertFalse(text.contains("acctsecret"), text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "login alice                                     | 1 | 'login' before any 'machine' or 'default'",
        "machine a login x\\npassword y\\nport 21        | 3 | unexpected 'port' where a keyword was expected",
        "machine a login x\\n\\nbogus                    | 3 | unexpected 'bogus' where a keyword was expected",
        "machine                                         | 1 | 'machine' without a value at end of file",
        "machine a login x password                      | 1 | 'password' without a value at end of file",
        "machine a password \"unterminated\\n            | 1 | unterminated quoted value",
    })
    void syntaxErrorsCarryLineNumbers(String text, int line, String message) {
        NetrcException failure = assertThrows(NetrcException.class, () -> parse(text.replace("\\n", "\n")));
        assertEquals(line, failure.lineNumber());
        assertEquals(".netrc:" + line + ": " + message, failure.getMessage());
        assertEquals(ErrorCode.BAD_OPTION, failure.errorCode());
    }

    @Test
    void tooManyEntriesIsRefused() {
        String text = "machine h login x\n".repeat(4);
        NetrcException failure = assertThrows(NetrcException.class,
                () -> NetrcParser.parse(text, ".netrc", new NetrcLimits(1000, 3)));
        assertEquals(4, failure.lineNumber());
    }
}
