package dev.arietta.ftp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.ftp.FtpException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FtpProtocolTest {
    private static final InetSocketAddress DATA = new InetSocketAddress(ScriptedProtocol.address("192.0.2.10"), 6446);

    private static FtpRequest request(List<String> directories, long offset, boolean query, boolean retrieve) {
        return new FtpRequest(directories, "file.bin", offset, query, query, retrieve, null);
    }

    @Test
    void logsInWithFeaturesUtf8AndBinaryType() throws FtpException {
        ScriptedProtocol script = new ScriptedProtocol().login();
        assertTrue(script.protocol.isIdle());
        assertTrue(script.protocol.utf8());
        assertEquals(Set.of("UTF8", "EPSV", "SIZE"), script.protocol.features());
    }

    @Test
    void asciiTypeIsAskedAtTheEndOfLoginAndItsRefusalBreaksTheSession() throws FtpException {
        ScriptedProtocol script = new ScriptedProtocol();
        script.protocol.useAsciiType();
        script.run("< 220 hi", "> USER user", "< 230 ok", "> FEAT", "< 500 x", "> PWD", "< 257 \"/\"", "> TYPE A");
        assertThrows(IllegalStateException.class, script.protocol::useAsciiType, "too late once TYPE is sent");
        FtpException refused = assertThrows(FtpException.class, () -> script.run("< 504 no ASCII here"));
        assertEquals(FtpException.Reason.COMMAND_FAILED, refused.reason());
        assertTrue(refused.getMessage().contains("server refused ASCII mode"), refused.getMessage());
        assertTrue(script.protocol.isBroken());
    }

    @Test
    void multiLineGreetingAndImmediateLogin() throws FtpException {
        ScriptedProtocol script = new ScriptedProtocol();
        script.run("< 120-wait a moment", "< 120 please", "< 220-Welcome", "< 220-to the server", "< 220 go",
                "> USER user", "< 230 no password needed", "> FEAT", "< 500 unknown", "> PWD",
                "< 257 \"/\"", "> TYPE I", "< 200 ok");
        assertTrue(script.takeEvents().get(0) instanceof FtpEvent.LoggedIn);
        assertFalse(script.protocol.utf8());
    }

    @Test
    void accountIsSentWhenAsked() throws FtpException {
        ScriptedProtocol script = new ScriptedProtocol("192.0.2.10", new FtpCredentials("u", "p", "acct"),
                FtpLimits.DEFAULTS, PassiveAddressPolicy.REJECT_MISMATCH);
        script.run("< 220 hi", "> USER u", "< 331 pw", "> PASS p", "< 332 account?", "> ACCT acct", "< 230 in",
                "> FEAT");
    }

    @Test
    void fullRetrievalWithRangeOffset() throws FtpException {
        ScriptedProtocol script = new ScriptedProtocol().login();
        script.protocol.request(request(List.of("pub", "linux"), 1000, true, true));
        script.run("> CWD pub", "< 250 ok", "> CWD linux", "< 250 ok", "> SIZE file.bin", "< 213 5000",
                "> MDTM file.bin", "< 213 20240131235959", "> EPSV", "< 229 Entering Extended Passive Mode (|||6446|)");
        assertEquals(List.of(new FtpEvent.FileInfo(OptionalLong.of(5000), Optional.of(Instant.parse("2024-01-31T23:59:59Z"))),
                new FtpEvent.OpenDataConnection(DATA)), script.takeEvents());
        script.expectNoOutput();
        script.protocol.dataConnected();
        script.run("> REST 1000", "< 350 restarting", "> RETR file.bin", "< 150 opening");
        assertEquals(List.of(new FtpEvent.TransferStarted(1000)), script.takeEvents());
        script.run("< 226 done");
        assertEquals(List.of(), script.takeEvents());
        assertFalse(script.protocol.isIdle());
        script.protocol.dataEnded();
        assertEquals(List.of(new FtpEvent.TransferComplete()), script.takeEvents());
        assertTrue(script.protocol.isIdle());
        assertEquals(List.of("pub", "linux"), script.protocol.currentDirectories());
    }

    @Test
    void dataEndBeforeCompletionReply() throws FtpException {
        ScriptedProtocol script = new ScriptedProtocol().login();
        script.protocol.request(request(List.of(), 0, false, true));
        script.run("> EPSV", "< 229 (|||6446|)");
        script.protocol.dataConnected();
        script.run("> RETR file.bin", "< 125 already open");
        script.takeEvents();
        script.protocol.dataEnded();
        assertEquals(List.of(), script.takeEvents());
        script.run("< 250 done");
        assertEquals(List.of(new FtpEvent.TransferComplete()), script.takeEvents());
    }

    @Test
    void preliminaryAndCompletionInOneBuffer() throws FtpException {
        ScriptedProtocol script = new ScriptedProtocol().login();
        script.protocol.request(request(List.of(), 0, false, true));
        script.run("> EPSV", "< 229 (|||6446|)");
        script.protocol.dataConnected();
        script.expectCommand("RETR file.bin");
        script.feed("150 go\r\n226 done\r\n");
        assertEquals(List.of(new FtpEvent.OpenDataConnection(DATA), new FtpEvent.TransferStarted(0)), script.takeEvents());
        script.protocol.dataEnded();
        assertEquals(List.of(new FtpEvent.TransferComplete()), script.takeEvents());
    }

    @Test
    void reusedSessionSkipsKnownDirectoriesAndReturnsViaLoginDirectory() throws FtpException {
        ScriptedProtocol script = new ScriptedProtocol().login();
        script.protocol.request(request(List.of("a"), 0, true, false));
        script.run("> CWD a", "< 250 ok", "> SIZE file.bin", "< 213 1", "> MDTM file.bin", "< 550 no mdtm");
        assertEquals(List.of(new FtpEvent.FileInfo(OptionalLong.of(1), Optional.empty())), script.takeEvents());
        assertTrue(script.protocol.isIdle());

        script.protocol.request(request(List.of("a"), 0, false, true));
        script.run("> EPSV", "< 229 (|||6446|)");
        script.protocol.dataConnectionFailed();
        assertTrue(script.protocol.isIdle());

        script.protocol.request(request(List.of("a", "b"), 0, false, false));
        script.run("> CWD b", "< 250 ok");
        assertEquals(List.of("a", "b"), script.protocol.currentDirectories());

        script.protocol.request(request(List.of("c"), 0, false, false));
        script.run("> CWD /home/user", "< 250 back", "> CWD c", "< 250 ok");
        assertEquals(List.of("c"), script.protocol.currentDirectories());

        script.protocol.request(request(List.of(), 0, false, false));
        script.run("> CWD /home/user", "< 250 back");
        assertEquals(List.of(), script.protocol.currentDirectories());
        script.expectNoOutput();
    }

    @Test
    void withoutLoginDirectoryOnlyDeeperDirectoriesAreReachable() throws FtpException {
        ScriptedProtocol script = new ScriptedProtocol();
        script.run("< 220 hi", "> USER user", "< 331 pw", "> PASS secret", "< 230 ok", "> FEAT", "< 502 no",
                "> PWD", "< 500 what", "> TYPE I", "< 200 ok");
        script.protocol.request(request(List.of("a"), 0, false, false));
        script.run("> CWD a", "< 250 ok");
        assertTrue(script.protocol.canNavigateTo(List.of("a", "b")));
        assertFalse(script.protocol.canNavigateTo(List.of("b")));
        assertThrows(IllegalStateException.class, () -> script.protocol.request(request(List.of("b"), 0, false, false)));
    }

    @Test
    void epsvRefusedFallsBackToPasvAndRemembers() throws FtpException {
        ScriptedProtocol script = new ScriptedProtocol().login();
        script.protocol.request(request(List.of(), 0, false, true));
        script.run("> EPSV", "< 500 EPSV not understood", "> PASV", "< 227 Entering Passive Mode (192,0,2,10,25,46)");
        assertEquals(List.of(new FtpEvent.OpenDataConnection(new InetSocketAddress(DATA.getAddress(), 6446))),
                script.takeEvents());
        script.protocol.dataConnectionFailed();
        script.protocol.request(request(List.of(), 0, false, true));
        script.run("> PASV", "< 227 Entering Passive Mode (0,0,0,0,25,47)");
        assertEquals(List.of(new FtpEvent.OpenDataConnection(new InetSocketAddress(DATA.getAddress(), 6447))),
                script.takeEvents());
    }

    @Test
    void pasvCanBePreferred() throws FtpException {
        ScriptedProtocol script = new ScriptedProtocol().login();
        script.protocol.skipExtendedPassive();
        script.protocol.request(request(List.of(), 0, false, true));
        script.run("> PASV", "< 227 Entering Passive Mode (192,0,2,10,25,46)");
        ScriptedProtocol ipv6 = new ScriptedProtocol("::1", new FtpCredentials("u", "p", null), FtpLimits.DEFAULTS,
                PassiveAddressPolicy.REJECT_MISMATCH);
        assertThrows(IllegalStateException.class, ipv6.protocol::skipExtendedPassive);
    }

    @Test
    void ipv6UsesEpsvWithThePeerAddress() throws FtpException {
        ScriptedProtocol script = new ScriptedProtocol("2001:db8::10", new FtpCredentials("user", "secret", null),
                FtpLimits.DEFAULTS, PassiveAddressPolicy.REJECT_MISMATCH).login();
        script.protocol.request(request(List.of(), 0, false, true));
        script.run("> EPSV", "< 229 Entering Extended Passive Mode (|||50000|)");
        assertEquals(List.of(new FtpEvent.OpenDataConnection(
                new InetSocketAddress(ScriptedProtocol.address("2001:db8::10"), 50000))), script.takeEvents());
    }

    @Test
    void activeModeUsesEprtThenPortFallback() throws FtpException {
        ScriptedProtocol script = new ScriptedProtocol().login();
        InetSocketAddress local = new InetSocketAddress(ScriptedProtocol.address("192.0.2.99"), 5000);
        script.protocol.request(request(List.of(), 7, false, true).withActiveAddress(local));
        script.run("> EPRT |1|192.0.2.99|5000|", "< 500 no EPRT", "> PORT 192,0,2,99,19,136", "< 200 PORT ok",
                "> REST 7", "< 350 ok", "> RETR file.bin", "< 150 connecting");
        assertEquals(List.of(new FtpEvent.TransferStarted(7)), script.takeEvents());
        script.run("< 226 ok");
        script.protocol.dataEnded();
        script.protocol.request(request(List.of(), 0, false, true).withActiveAddress(local));
        script.run("> PORT 192,0,2,99,19,136");
    }

    @Test
    void activeModeIpv6() throws FtpException {
        ScriptedProtocol script = new ScriptedProtocol("::1", new FtpCredentials("u", "p", null), FtpLimits.DEFAULTS,
                PassiveAddressPolicy.REJECT_MISMATCH);
        script.run("< 220 hi", "> USER u", "< 230 ok", "> FEAT", "< 500 x", "> PWD", "< 257 \"/\"", "> TYPE I", "< 200 ok");
        script.protocol.request(request(List.of(), 0, false, true)
                .withActiveAddress(new InetSocketAddress(ScriptedProtocol.address("::1"), 40000)));
        script.run("> EPRT |2|0:0:0:0:0:0:0:1|40000|", "< 200 ok", "> RETR file.bin");
    }

    @Test
    void abortDuringTransferResynchronisesOnNoop() throws FtpException {
        for (String[] abortReplies : List.of(
                new String[] {"< 426 Failure writing network stream.", "< 225 No transfer to ABOR.", "< 200 NOOP ok."},
                new String[] {"< 226 Transfer complete.", "< 225 No transfer to ABOR.", "< 200 NOOP ok."},
                new String[] {"< 426 aborted", "< 226 ABOR successful", "< 200 ok"},
                new String[] {"< 500 ABOR unknown", "< 200 ok"})) {
            ScriptedProtocol script = startedTransfer();
            script.protocol.abort();
            script.run("> ABOR", "> NOOP");
            script.run(abortReplies);
            assertEquals(List.of(new FtpEvent.Aborted()), script.takeEvents());
            assertTrue(script.protocol.isIdle());
            script.protocol.request(request(List.of(), 0, false, true));
            script.run("> EPSV");
        }
    }

    @Test
    void abortAfterCompletionReplyStillSynchronises() throws FtpException {
        ScriptedProtocol script = startedTransfer();
        script.run("< 226 done");
        script.protocol.abort();
        script.run("> ABOR", "> NOOP", "< 225 nothing", "< 200 ok");
        assertEquals(List.of(new FtpEvent.Aborted()), script.takeEvents());
    }

    @Test
    void abortBeforeRetrieveNeedsNoAbor() throws FtpException {
        ScriptedProtocol script = new ScriptedProtocol().login();
        script.protocol.request(request(List.of(), 10, false, true));
        script.run("> EPSV", "< 229 (|||6446|)");
        script.takeEvents();
        script.protocol.dataConnected();
        script.run("> REST 10");
        script.protocol.abort();
        script.run("< 350 ok");
        script.expectNoOutput();
        assertEquals(List.of(new FtpEvent.Aborted()), script.takeEvents());

        script.protocol.request(request(List.of(), 0, false, true));
        script.run("> EPSV", "< 229 (|||6446|)");
        script.takeEvents();
        script.protocol.abort();
        script.expectNoOutput();
        assertEquals(List.of(new FtpEvent.Aborted()), script.takeEvents());
        assertTrue(script.protocol.isIdle());
    }

    @Test
    void abortWithoutTransferIsMisuse() throws FtpException {
        ScriptedProtocol script = new ScriptedProtocol().login();
        assertThrows(IllegalStateException.class, script.protocol::abort);
        assertThrows(IllegalStateException.class, script.protocol::dataConnected);
        assertThrows(IllegalStateException.class, script.protocol::dataEnded);
    }

    @Test
    void quitThenClose() throws FtpException {
        ScriptedProtocol script = new ScriptedProtocol().login();
        script.protocol.quit();
        script.run("> QUIT", "< 221 bye");
        assertEquals(List.of(new FtpEvent.Closed()), script.takeEvents());
        script.protocol.connectionClosed();
        assertThrows(IllegalStateException.class, () -> script.protocol.receive(ByteBuffer.allocate(1)));
    }

    @Test
    void rawOctetsAreSentUnchanged() throws FtpException {
        ScriptedProtocol script = new ScriptedProtocol().login();
        script.protocol.request(new FtpRequest(List.of("caf\u00c3\u00a9"), "\u00e4.bin", 0, true, false, false, null));
        script.run("> CWD caf\u00c3\u00a9", "< 250 ok", "> SIZE \u00e4.bin", "< 213 3");
    }

    static ScriptedProtocol startedTransfer() throws FtpException {
        ScriptedProtocol script = new ScriptedProtocol().login();
        script.protocol.request(request(List.of(), 0, false, true));
        script.run("> EPSV", "< 229 (|||6446|)");
        script.protocol.dataConnected();
        script.run("> RETR file.bin", "< 150 go");
        script.takeEvents();
        return script;
    }
}
