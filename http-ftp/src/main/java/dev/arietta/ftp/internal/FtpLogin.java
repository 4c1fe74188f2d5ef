package dev.arietta.ftp.internal;

import dev.arietta.ftp.FtpException.Reason;
import java.util.Objects;
import java.util.Set;

/**
 * The login conversation of an {@link FtpProtocol} session, from the greeting to the transfer
 * type: greeting (120 waits, 220 goes on), {@code USER}/{@code PASS} (and {@code ACCT} on
 * 332), {@code FEAT}, {@code OPTS UTF8 ON} when UTF8 is offered, {@code PWD} (to return to the
 * login directory later), then {@code TYPE I}, or {@code TYPE A} after {@link #useAsciiType()}.
 * It sends through the session's command buffer and reports each reply's outcome; the session
 * turns a {@link Refusal} into its failure. Not thread-safe: the session's driver owns it.
 */
final class FtpLogin {

    /** Where the conversation is. */
    enum Step { GREETING, USER, PASS, ACCOUNT, FEATURES, UTF8, PWD, TYPE, DONE }

    /**
     * Why the login cannot go on; the session breaks.
     *
     * @param reason what went wrong
     * @param detail the message
     */
    record Refusal(Reason reason, String detail) {
    }

    private final FtpCredentials credentials;
    private final FtpCommandBuffer commands;
    private Step step = Step.GREETING;
    private boolean asciiType;
    private Set<String> features = Set.of();
    private boolean utf8;
    private String loginDirectory;

    FtpLogin(FtpCredentials credentials, FtpCommandBuffer commands) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.commands = commands;
    }

    /** Asks for {@code TYPE A} at the end; only before the conversation reached {@code TYPE}. */
    void useAsciiType() {
        if (step.compareTo(Step.TYPE) >= 0) {
            throw new IllegalStateException("the transfer type is set during login, already past: " + step);
        }
        asciiType = true;
    }

    /** Whether the session is logged in with its transfer type set. */
    boolean done() {
        return step == Step.DONE;
    }

    /** The FEAT features (upper case), empty before FEAT's answer or when FEAT is not supported. */
    Set<String> features() {
        return features;
    }

    /** Whether the server accepted {@code OPTS UTF8 ON}. */
    boolean utf8() {
        return utf8;
    }

    /** The login directory from {@code PWD}, or null when unknown. */
    String loginDirectory() {
        return loginDirectory;
    }

    /** Takes the next reply of the conversation: null to go on (see {@link #done()}), else why it stops. */
    Refusal handle(FtpReply reply) {
        switch (step) {
            case GREETING -> {
                return onGreeting(reply);
            }
            case USER, PASS, ACCOUNT -> {
                return onLogin(reply);
            }
            case FEATURES -> {
                features = reply.code() == 211 ? FtpReplyTexts.features(reply) : Set.of();
                if (features.contains("UTF8")) {
                    send("OPTS", "UTF8 ON", Step.UTF8);
                } else {
                    send("PWD", null, Step.PWD);
                }
            }
            case UTF8 -> {
                utf8 = reply.isCompletion();
                send("PWD", null, Step.PWD);
            }
            case PWD -> {
                loginDirectory = reply.code() == 257 ? FtpReplyTexts.quotedDirectory(reply) : null;
                send("TYPE", asciiType ? "A" : "I", Step.TYPE);
            }
            case TYPE -> {
                if (!reply.isCompletion()) {
                    return new Refusal(Reason.COMMAND_FAILED, "server refused " + (asciiType ? "ASCII" : "binary")
                            + " mode");
                }
                step = Step.DONE;
            }
            case DONE -> throw new IllegalStateException("login already done");
        }
        return null;
    }

    private Refusal onGreeting(FtpReply reply) {
        if (reply.code() == 120) {
            return null;
        }
        if (reply.code() != 220) {
            return new Refusal(Reason.UNEXPECTED_GREETING, "server did not greet with 220");
        }
        send("USER", credentials.user(), Step.USER);
        return null;
    }

    private Refusal onLogin(FtpReply reply) {
        int code = reply.code();
        if (code == 230 || (code == 202 && step != Step.USER)) {
            send("FEAT", null, Step.FEATURES);
        } else if (code == 331 && step == Step.USER) {
            send("PASS", credentials.password(), Step.PASS);
        } else if (code == 332 && step != Step.ACCOUNT) {
            if (credentials.account() == null) {
                return new Refusal(Reason.ACCOUNT_REQUIRED, "server requires an account and none is configured");
            }
            send("ACCT", credentials.account(), Step.ACCOUNT);
        } else if (code == 530) {
            return new Refusal(Reason.LOGIN_FAILED, "login refused");
        } else if (code >= 400) {
            return new Refusal(Reason.COMMAND_FAILED, "login failed");
        } else {
            return new Refusal(Reason.UNEXPECTED_REPLY, "unexpected reply during login");
        }
        return null;
    }

    private void send(String verb, String argument, Step next) {
        commands.send(verb, argument);
        step = next;
    }

    @Override
    public String toString() {
        return step.toString();
    }
}
