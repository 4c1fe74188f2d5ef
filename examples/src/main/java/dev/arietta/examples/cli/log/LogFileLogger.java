package dev.arietta.examples.cli.log;

import dev.arietta.LogLevel;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * An slf4j logger writing to the {@link LogDestination}. slf4j's levels map to aria2's:
 * TRACE and DEBUG are {@code debug}, INFO is {@code info}, WARN {@code warn}, ERROR
 * {@code error}; INFO with the {@value #NOTICE_MARKER} marker is aria2's {@code notice}, the
 * level between info and warn that the command's own messages (download complete, aborted)
 * use. Thread-safe.
 */
final class LogFileLogger extends LegacyAbstractLogger {

    /** The marker that makes an INFO message an aria2 {@code notice}. */
    static final String NOTICE_MARKER = "NOTICE";

    private static final long serialVersionUID = 1L;

    private final transient LogDestination destination;

    LogFileLogger(String name, LogDestination destination) {
        this.name = name;
        this.destination = destination;
    }

    @Override
    public boolean isTraceEnabled() {
        return destination.accepts(LogLevel.DEBUG);
    }

    @Override
    public boolean isDebugEnabled() {
        return destination.accepts(LogLevel.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return destination.accepts(LogLevel.INFO);
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
        return destination.accepts(isNotice(marker) ? LogLevel.NOTICE : LogLevel.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return destination.accepts(LogLevel.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return destination.accepts(LogLevel.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable failure) {
        destination.write(aria2Level(level, marker), name, MessageFormatter.basicArrayFormat(pattern, arguments),
                failure);
    }

    static LogLevel aria2Level(Level level, Marker marker) {
        return switch (level) {
            case TRACE, DEBUG -> LogLevel.DEBUG;
            case INFO -> isNotice(marker) ? LogLevel.NOTICE : LogLevel.INFO;
            case WARN -> LogLevel.WARN;
            case ERROR -> LogLevel.ERROR;
        };
    }

    private static boolean isNotice(Marker marker) {
        return marker != null && marker.getName().equals(NOTICE_MARKER);
    }
}
