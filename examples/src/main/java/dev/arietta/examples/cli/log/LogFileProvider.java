package dev.arietta.examples.cli.log;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The {@code arietta} command's slf4j provider: every logger writes to
 * {@link LogDestination#INSTANCE}, which writes nothing unless the command opened a log with
 * {@code log}. It lives in the command's jar only, so the library modules keep slf4j-api as
 * their one logging dependency and an embedding application keeps its own provider.
 * Registered for the module path ({@code provides} in module-info) and the class path
 * ({@code META-INF/services}).
 */
public final class LogFileProvider implements SLF4JServiceProvider {

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();
    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
    private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name,
            key -> new LogFileLogger(key, LogDestination.INSTANCE));

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // Nothing to set up: the destination opens when the command starts a run.
    }
}
