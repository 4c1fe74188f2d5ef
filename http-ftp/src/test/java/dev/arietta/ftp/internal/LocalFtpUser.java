package dev.arietta.ftp.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A local system user for vsftpd's user-login tests. vsftpd authenticates local users through
 * PAM against the system's accounts, and virtual users would need extra PAM modules, so the
 * test creates a dedicated account ({@value #NAME}, home directory {@code /} because vsftpd
 * enters it before {@code local_root}, shell {@code /bin/bash} so that {@code pam_shells}
 * accepts it) with {@code useradd} and sets its password with
 * {@code chpasswd}. That needs root: without it the test fails under {@code CI=true} and is
 * skipped otherwise. An account the test created is deleted again by {@link #close()}.
 */
final class LocalFtpUser implements AutoCloseable {
    static final String NAME = "arietta-ftp-it";
    static final String PASSWORD = "It-passw0rd-ftp";

    private final boolean created;

    private LocalFtpUser(boolean created) {
        this.created = created;
    }

    static LocalFtpUser ensure() throws IOException, InterruptedException {
        if (!VsftpdServer.runningAsRoot()) {
            if (VsftpdServer.underCi()) {
                fail("the vsftpd user-login test must run as root under CI (it creates a system user)");
            }
            Assumptions.abort("creating the local FTP user needs root");
        }
        boolean exists = run(null, "id", "-u", NAME) == 0;
        if (!exists && run(null, "useradd", "--no-create-home", "--home-dir", "/",
                "--shell", "/bin/bash", NAME) != 0) {
            throw new IOException("useradd " + NAME + " failed");
        }
        if (run(NAME + ":" + PASSWORD + "\n", "chpasswd") != 0) {
            throw new IOException("chpasswd for " + NAME + " failed");
        }
        return new LocalFtpUser(!exists);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (created) {
            run(null, "userdel", NAME);
        }
    }

    private static int run(String input, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (var stdin = process.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        return process.exitValue();
    }
}
