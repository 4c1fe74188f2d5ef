package dev.arietta.core.internal.loop;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Turns a host name into addresses without blocking the loop.
 *
 * <p>The future completes on any thread with the addresses in the resolver's order (never
 * empty), or exceptionally with an {@link java.net.UnknownHostException}.
 */
@FunctionalInterface
public interface HostResolver {

    /** Resolves {@code host}, a name or an address literal (IPv6 without brackets). */
    CompletableFuture<List<InetAddress>> resolve(String host);
}
