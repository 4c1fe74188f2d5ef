package dev.arietta.core.internal.loop;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * Resolves names with {@link InetAddress#getAllByName(String)} on the given executor (the
 * session's resolver executor), because the JDK offers no asynchronous lookup. Address
 * literals are answered at once without a lookup. Thread-safe.
 */
public final class DefaultHostResolver implements HostResolver {

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Executor executor;

    /** @param executor runs the blocking lookups */
    public DefaultHostResolver(Executor executor) {
        this.executor = executor;
    }

    @Override
    public CompletableFuture<List<InetAddress>> resolve(String host) {
        if (isLiteral(host)) {
            try {
                return CompletableFuture.completedFuture(List.of(InetAddress.getAllByName(host)));
            } catch (UnknownHostException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return List.of(InetAddress.getAllByName(host));
            } catch (UnknownHostException e) {
                throw new CompletionException(e);
            }
        }, executor);
    }

    private static boolean isLiteral(String host) {
        return host.indexOf(':') >= 0 || IPV4_LITERAL.matcher(host).matches();
    }
}
