package dev.arietta.ftp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arietta.ftp.FtpException.Reason;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FtpPassiveRepliesTest {
    private static final InetAddress PEER = address("192.0.2.10");

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }

    private static FtpReply reply(int code, String text) {
        return new FtpReply(code, List.of(text));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '^', value = {
        "Entering Extended Passive Mode (|||6446|) ^ 6446",
        "Entering Extended Passive Mode (!!!1!)     ^ 1",
        "EPSV ok (###65535#)                        ^ 65535",
        "(|||21|)                                   ^ 21",
    })
    void parsesEpsvPorts(String text, int port) throws ReplyFormatException {
        assertEquals(port, FtpPassiveReplies.epsvPort(reply(229, text.strip())));
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '^', value = {
        "Entering Extended Passive Mode",
        "Entering Extended Passive Mode (||6446|)",
        "Entering Extended Passive Mode (|||6446)",
        "Entering Extended Passive Mode (|||6446|",
        "Entering Extended Passive Mode (|||-1|)",
        "Entering Extended Passive Mode (|||0|)",
        "Entering Extended Passive Mode (|||65536|)",
        "Entering Extended Passive Mode (|||9999999999|)",
        "Entering Extended Passive Mode (|||port|)",
        "Entering Extended Passive Mode (|||6446!)",
        "Entering Extended Passive Mode (|2|::1|6446|)",
        "Entering Extended Passive Mode (   6446 )",
        "Entering Extended Passive Mode (",
    })
    void rejectsMalformedEpsv(String text) {
        ReplyFormatException failure = assertThrows(ReplyFormatException.class,
                () -> FtpPassiveReplies.epsvPort(reply(229, text)));
        assertEquals(Reason.MALFORMED_PASSIVE_REPLY, failure.reason());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '^', value = {
        "Entering Passive Mode (192,0,2,10,195,149) ^ 50069",
        "Entering Passive Mode 192,0,2,10,0,21      ^ 21",
        "=192,0,2,10,4,1                            ^ 1025",
        "Entering Passive Mode (0,0,0,0,4,1)        ^ 1025",
    })
    void parsesPasvPortsFromThePeer(String text, int port) throws ReplyFormatException {
        assertEquals(port, FtpPassiveReplies.pasvPort(reply(227, text.strip()), PEER,
                PassiveAddressPolicy.REJECT_MISMATCH));
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @CsvSource(delimiter = '^', value = {
        "Entering Passive Mode (10,0,0,1,195,149)         ^ PASSIVE_ADDRESS_MISMATCH",
        "Entering Passive Mode (127,0,0,1,0,25)           ^ PASSIVE_ADDRESS_MISMATCH",
        "Entering Passive Mode (192,0,2,11,195,149)       ^ PASSIVE_ADDRESS_MISMATCH",
        "Entering Passive Mode (192,0,2,10,0,0)           ^ MALFORMED_PASSIVE_REPLY",
        "Entering Passive Mode (192,0,2,10,256,1)         ^ MALFORMED_PASSIVE_REPLY",
        "Entering Passive Mode (192,0,2,300,1,1)          ^ MALFORMED_PASSIVE_REPLY",
        "Entering Passive Mode (192,0,2,10,1)             ^ MALFORMED_PASSIVE_REPLY",
        "Entering Passive Mode                            ^ MALFORMED_PASSIVE_REPLY",
        "Entering Passive Mode (a,b,c,d,e,f)              ^ MALFORMED_PASSIVE_REPLY",
    })
    void rejectsForeignOrMalformedPasv(String text, Reason reason) {
        ReplyFormatException failure = assertThrows(ReplyFormatException.class,
                () -> FtpPassiveReplies.pasvPort(reply(227, text.strip()), PEER, PassiveAddressPolicy.REJECT_MISMATCH));
        assertEquals(reason, failure.reason());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '^', value = {
        "Entering Passive Mode (10,0,0,1,195,149)  ^ 50069",
        "Entering Passive Mode (127,0,0,1,0,25)    ^ 25",
    })
    void controlPeerPolicyIgnoresTheAddress(String text, int port) throws ReplyFormatException {
        assertEquals(port, FtpPassiveReplies.pasvPort(reply(227, text.strip()), PEER,
                PassiveAddressPolicy.USE_CONTROL_PEER));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '^', value = {
        "Entering Passive Mode (127,0,0,1,4,1)",
    })
    void ipv6PeerNeverMatchesPasvAddress(String text) {
        ReplyFormatException failure = assertThrows(ReplyFormatException.class,
                () -> FtpPassiveReplies.pasvPort(reply(227, text), address("::1"), PassiveAddressPolicy.REJECT_MISMATCH));
        assertEquals(Reason.PASSIVE_ADDRESS_MISMATCH, failure.reason());
    }
}
