package dev.arietta.ftp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arietta.core.ErrorCode;
import dev.arietta.ftp.FtpException;
import dev.arietta.ftp.FtpException.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every step's negative and hostile replies, each mapped to its exact error and session state. */
class FtpProtocolFailureTest {

    /** Brings a protocol to the point where {@code step}'s reply is awaited. */
    private static ScriptedProtocol at(String step, FtpLimits limits) throws FtpException {
        ScriptedProtocol script = new ScriptedProtocol("192.0.2.10", new FtpCredentials("user", "secret", null),
                limits, PassiveAddressPolicy.REJECT_MISMATCH);
        if (step.equals("greeting")) {
            return script;
        }
        script.run("< 220 hi", "> USER user");
        if (step.equals("user")) {
            return script;
        }
        script.run("< 331 pw", "> PASS secret");
        if (step.equals("pass")) {
            return script;
        }
        script.run("< 230 ok", "> FEAT", "< 211 none", "> PWD", "< 257 \"/\"", "> TYPE I");
        if (step.equals("type")) {
            return script;
        }
        script.run("< 200 ok");
        script.takeEvents();
        if (step.equals("idle")) {
            return script;
        }
        script.protocol.request(new FtpRequest(List.of("pub"), "file.bin", 100, true, true, true, null));
        script.run("> CWD pub");
        if (step.equals("cwd")) {
            return script;
        }
        script.run("< 250 ok", "> SIZE file.bin");
        if (step.equals("size")) {
            return script;
        }
        script.run("< 213 1000", "> MDTM file.bin", "< 213 20240101000000", "> EPSV");
        if (step.equals("epsv")) {
            return script;
        }
        if (step.equals("pasv")) {
            script.run("< 502 no EPSV", "> PASV");
            return script;
        }
        script.run("< 229 (|||6446|)");
        script.protocol.dataConnected();
        script.run("> REST 100");
        if (step.equals("rest")) {
            return script;
        }
        script.run("< 350 ok", "> RETR file.bin");
        if (step.equals("retr")) {
            return script;
        }
        script.run("< 150 go");
        if (step.equals("transfer")) {
            return script;
        }
        script.protocol.abort();
        script.run("> ABOR", "> NOOP");
        if (step.equals("abort")) {
            return script;
        }
        throw new IllegalArgumentException(step);
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '^', value = {
        // step   ^ reply                                   ^ reason                   ^ broken ^ command
        "greeting ^ 500 go away                             ^ UNEXPECTED_GREETING      ^ true   ^ ''",
        "greeting ^ 421 too many users                      ^ SERVICE_UNAVAILABLE      ^ true   ^ ''",
        "greeting ^ 331 what                                ^ UNEXPECTED_GREETING      ^ true   ^ ''",
        "user     ^ 530 not allowed                         ^ LOGIN_FAILED             ^ true   ^ USER user",
        "user     ^ 332 need account                        ^ ACCOUNT_REQUIRED         ^ true   ^ USER user",
        "user     ^ 500 syntax                              ^ COMMAND_FAILED           ^ true   ^ USER user",
        "user     ^ 150 huh                                 ^ UNEXPECTED_REPLY         ^ true   ^ USER user",
        "pass     ^ 530 Login incorrect.                    ^ LOGIN_FAILED             ^ true   ^ PASS ***",
        "pass     ^ 331 again                               ^ UNEXPECTED_REPLY         ^ true   ^ PASS ***",
        "pass     ^ 421 bye                                 ^ SERVICE_UNAVAILABLE      ^ true   ^ PASS ***",
        "type     ^ 504 no binary                           ^ COMMAND_FAILED           ^ true   ^ TYPE I",
        "cwd      ^ 550 No such directory                   ^ FILE_NOT_FOUND           ^ false  ^ CWD pub",
        "cwd      ^ 450 busy                                ^ COMMAND_FAILED           ^ false  ^ CWD pub",
        "cwd      ^ 350 pending                             ^ UNEXPECTED_REPLY         ^ true   ^ CWD pub",
        "size     ^ 550 Could not get file size.            ^ FILE_NOT_FOUND           ^ false  ^ SIZE file.bin",
        "size     ^ 213 lots                                ^ MALFORMED_SIZE           ^ true   ^ SIZE file.bin",
        "size     ^ 213 -5                                  ^ MALFORMED_SIZE           ^ true   ^ SIZE file.bin",
        "epsv     ^ 229 Entering Extended Passive Mode      ^ MALFORMED_PASSIVE_REPLY  ^ true   ^ EPSV",
        "epsv     ^ 229 (|||99999|)                         ^ MALFORMED_PASSIVE_REPLY  ^ true   ^ EPSV",
        "epsv     ^ 229 (|||abc|)                           ^ MALFORMED_PASSIVE_REPLY  ^ true   ^ EPSV",
        "epsv     ^ 229 (|2|10.0.0.1|21|)                   ^ MALFORMED_PASSIVE_REPLY  ^ true   ^ EPSV",
        "epsv     ^ 425 cannot open                         ^ COMMAND_FAILED           ^ false  ^ EPSV",
        "epsv     ^ 227 (192,0,2,10,1,1)                    ^ UNEXPECTED_REPLY         ^ true   ^ EPSV",
        "pasv     ^ 502 no passive at all                   ^ COMMAND_FAILED           ^ false  ^ PASV",
        "pasv     ^ 227 Entering Passive Mode (10,9,8,7,1,1) ^ PASSIVE_ADDRESS_MISMATCH ^ true   ^ PASV",
        "pasv     ^ 227 Entering Passive Mode (1,2,3)       ^ MALFORMED_PASSIVE_REPLY  ^ true   ^ PASV",
        "rest     ^ 502 REST not implemented                ^ RESUME_NOT_SUPPORTED     ^ false  ^ REST 100",
        "rest     ^ 501 bad offset                          ^ RESUME_NOT_SUPPORTED     ^ false  ^ REST 100",
        "retr     ^ 550 Failed to open file.                ^ FILE_NOT_FOUND           ^ false  ^ RETR file.bin",
        "retr     ^ 425 Failed to establish connection.     ^ DATA_CONNECTION_FAILED   ^ false  ^ RETR file.bin",
        "retr     ^ 451 local error                         ^ TRANSFER_FAILED          ^ false  ^ RETR file.bin",
        "retr     ^ 350 what                                ^ UNEXPECTED_REPLY         ^ true   ^ RETR file.bin",
        "transfer ^ 426 Connection closed; aborted.         ^ DATA_CONNECTION_FAILED   ^ false  ^ RETR file.bin",
        "transfer ^ 451 read error                          ^ TRANSFER_FAILED          ^ false  ^ RETR file.bin",
        "transfer ^ 150 again                               ^ UNEXPECTED_REPLY         ^ true   ^ RETR file.bin",
        "transfer ^ 421 timeout                             ^ SERVICE_UNAVAILABLE      ^ true   ^ RETR file.bin",
        "idle     ^ 200 unsolicited                         ^ UNEXPECTED_REPLY         ^ true   ^ TYPE I",
        "idle     ^ 421 idle timeout                        ^ SERVICE_UNAVAILABLE      ^ true   ^ TYPE I",
        "abort    ^ 421 closing                             ^ SERVICE_UNAVAILABLE      ^ true   ^ ABOR",
    })
    void failuresMapToExactErrors(String step, String reply, Reason reason, boolean broken, String command)
            throws FtpException {
        ScriptedProtocol script = at(step, FtpLimits.DEFAULTS);
        FtpException failure = assertThrows(FtpException.class, () -> script.feed(reply + "\r\n"));
        assertEquals(reason, failure.reason());
        assertEquals(reason.errorCode(), failure.errorCode());
        assertEquals(broken, script.protocol.isBroken(), "broken");
        assertEquals(!broken, script.protocol.isIdle(), "idle");
        assertEquals(command.isEmpty() ? null : command, failure.command());
        assertEquals(Integer.parseInt(reply.substring(0, 3)), failure.replyCode());
        assertEquals(ScriptedProtocol.URL, failure.url());
        assertFalse(failure.getMessage().contains("secret"), failure.getMessage());
    }

    @Test
    void errorCodesFollowAria2() throws FtpException {
        ScriptedProtocol script = at("pass", FtpLimits.DEFAULTS);
        FtpException failure = assertThrows(FtpException.class, () -> script.feed("530 Login incorrect.\r\n"));
        assertEquals(ErrorCode.HTTP_AUTH_FAILED, failure.errorCode());
        assertEquals("Login incorrect.", failure.replyText());
        assertEquals("ftp://user:***@ftp.example.com/pub/file.bin: login refused [command: PASS ***]"
                + " [reply: 530 Login incorrect.] (LOGIN_FAILED)", failure.getMessage());
        assertEquals(ErrorCode.RESOURCE_NOT_FOUND, Reason.FILE_NOT_FOUND.errorCode());
        assertEquals(ErrorCode.FTP_PROTOCOL_ERROR, Reason.MALFORMED_REPLY.errorCode());
        assertEquals(ErrorCode.NETWORK, Reason.DATA_CONNECTION_FAILED.errorCode());
        assertEquals(ErrorCode.CANNOT_RESUME, Reason.RESUME_NOT_SUPPORTED.errorCode());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "greeting | MALFORMED_REPLY",
        "user     | MALFORMED_REPLY",
        "size     | MALFORMED_REPLY",
        "transfer | MALFORMED_REPLY",
    })
    void garbageAtAnyStepIsMalformed(String step, Reason reason) throws FtpException {
        ScriptedProtocol script = at(step, FtpLimits.DEFAULTS);
        FtpException failure = assertThrows(FtpException.class, () -> script.feed("HTTP/1.1 200 OK\r\n"));
        assertEquals(reason, failure.reason());
        assertEquals(0, failure.replyCode());
        assertEquals(true, script.protocol.isBroken());
    }

    @Test
    void endlessMultiLineReply() throws FtpException {
        ScriptedProtocol script = at("greeting", new FtpLimits(200, 100));
        script.feed("220-Welcome\r\n");
        FtpException failure = assertThrows(FtpException.class, () -> {
            for (int i = 0; i < 1000; i++) {
                script.feed("220-and more\r\n");
            }
        });
        assertEquals(Reason.TOO_MANY_REPLY_LINES, failure.reason());
        assertEquals(true, script.protocol.isBroken());
    }

    @Test
    void hugeLine() throws FtpException {
        ScriptedProtocol script = at("size", new FtpLimits(200, 100));
        FtpException failure = assertThrows(FtpException.class, () -> script.feed("213 " + "9".repeat(100_000)));
        assertEquals(Reason.REPLY_LINE_TOO_LONG, failure.reason());
        assertEquals("SIZE file.bin", failure.command());
    }

    @Test
    void tooManyRepliesWhileAborting() throws FtpException {
        ScriptedProtocol script = at("abort", FtpLimits.DEFAULTS);
        FtpException failure = assertThrows(FtpException.class, () -> {
            for (int i = 0; i <= FtpProtocol.MAX_REPLIES_WHILE_ABORTING; i++) {
                script.feed("226 again\r\n");
            }
        });
        assertEquals(Reason.UNEXPECTED_REPLY, failure.reason());
    }

    @Test
    void connectionClosedMidSession() throws FtpException {
        for (String step : List.of("greeting", "pass", "idle", "transfer")) {
            ScriptedProtocol script = at(step, FtpLimits.DEFAULTS);
            FtpException failure = assertThrows(FtpException.class, script.protocol::connectionClosed);
            assertEquals(Reason.CONNECTION_CLOSED, failure.reason(), step);
            assertEquals(ErrorCode.NETWORK, failure.errorCode());
        }
    }

    @Test
    void sessionStaysUsableAfterRefusedRequest() throws FtpException {
        ScriptedProtocol script = at("size", FtpLimits.DEFAULTS);
        assertThrows(FtpException.class, () -> script.feed("550 nope\r\n"));
        script.protocol.request(new FtpRequest(List.of("pub"), "file.bin", 0, false, false, true, null));
        script.run("> EPSV");
    }
}
