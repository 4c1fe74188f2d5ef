package dev.arietta.http.internal.proxy;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which proxy, if any, each request uses, from aria2's options and the environment.
 *
 * <p>For a target URI with scheme {@code http}, {@code https} or {@code ftp} the proxy is the
 * first of these that is set:
 * <ol>
 *   <li>option {@code <scheme>-proxy} ({@code http-proxy}, {@code https-proxy}, {@code ftp-proxy});</li>
 *   <li>option {@code all-proxy};</li>
 *   <li>environment {@code <scheme>_proxy}, then {@code <SCHEME>_PROXY};</li>
 *   <li>environment {@code all_proxy}, then {@code ALL_PROXY}.</li>
 * </ol>
 * Options always beat the environment. An option set to the empty string means "no proxy"
 * and stops the search (so {@code --http-proxy=""} disables an inherited {@code http_proxy}).
 * Other schemes never use a proxy.
 *
 * <p>Credentials: option {@code <scheme>-proxy-user} / {@code -passwd}, else
 * {@code all-proxy-user} / {@code all-proxy-passwd}, else the proxy URI's user info. When only
 * one of user and password is given, the other is empty.
 *
 * <p>Exclusions: option {@code no-proxy} if present (even empty), else {@code no_proxy}, else
 * {@code NO_PROXY}; see {@link NoProxyRules}.
 *
 * <p>A bad option value is a {@link ProxyOptionException} ({@code BAD_OPTION}); a bad
 * environment value — often a SOCKS proxy set for other tools — is ignored with a warning and
 * listed in {@link #ignoredEnvironment()}, because a download engine embedded in an application
 * should not fail on its host's shell settings. The environment is injected as a map (tests and
 * embedders control it; nothing here reads {@code System.getenv}). An embedder running as a CGI
 * program should not pass {@code HTTP_PROXY}, which a client can set through a
 * {@code Proxy:} request header ("httpoxy").
 *
 * <p>Immutable and thread-safe.
 */
public final class ProxySettings {
    private static final Logger LOG = LoggerFactory.getLogger(ProxySettings.class);

    /** The target protocols that can use a proxy. */
    private enum Protocol {
        HTTP, HTTPS, FTP;

        String optionPrefix() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<Protocol, ProxyServer> proxies;
    private final NoProxyRules noProxy;
    private final List<String> ignoredEnvironment;

    private ProxySettings(Map<Protocol, ProxyServer> proxies, NoProxyRules noProxy, List<String> ignoredEnvironment) {
        this.proxies = proxies;
        this.noProxy = noProxy;
        this.ignoredEnvironment = List.copyOf(ignoredEnvironment);
    }

    /**
     * Builds the settings from aria2-named {@code options} and the process {@code environment}.
     *
     * @throws ProxyOptionException if a proxy option has a bad value
     */
    public static ProxySettings of(Map<String, String> options, Map<String, String> environment)
            throws ProxyOptionException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(environment, "environment");
        List<String> ignored = new ArrayList<>();
        Map<Protocol, ProxyServer> proxies = new EnumMap<>(Protocol.class);
        for (Protocol protocol : Protocol.values()) {
            ProxyServer server = resolve(protocol, options, environment, ignored);
            if (server != null) {
                proxies.put(protocol, server);
            }
        }
        NoProxyRules noProxy;
        if (options.containsKey("no-proxy")) {
            noProxy = NoProxyRules.parse("no-proxy", options.get("no-proxy"));
        } else {
            noProxy = NoProxyRules.none();
            for (String variable : List.of("no_proxy", "NO_PROXY")) {
                String value = environment.get(variable);
                if (value != null) {
                    try {
                        noProxy = NoProxyRules.parse(variable, value);
                    } catch (ProxyOptionException bad) {
                        ignore(ignored, bad);
                    }
                    break;
                }
            }
        }
        return new ProxySettings(proxies, noProxy, ignored);
    }

    private static ProxyServer resolve(Protocol protocol, Map<String, String> options, Map<String, String> environment,
                                       List<String> ignored) throws ProxyOptionException {
        String prefix = protocol.optionPrefix();
        for (String option : List.of(prefix + "-proxy", "all-proxy")) {
            String value = options.get(option);
            if (value != null) {
                return value.isBlank() ? null : build(protocol, option, value, options);
            }
        }
        for (String variable : List.of(prefix + "_proxy", prefix.toUpperCase(Locale.ROOT) + "_PROXY",
                "all_proxy", "ALL_PROXY")) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                try {
                    return build(protocol, variable, value, options);
                } catch (ProxyOptionException bad) {
                    ignore(ignored, bad);
                }
            }
        }
        return null;
    }

    private static ProxyServer build(Protocol protocol, String source, String value, Map<String, String> options)
            throws ProxyOptionException {
        ProxyUriParser.Parsed parsed = ProxyUriParser.parse(source, value);
        String prefix = protocol.optionPrefix();
        String user = firstNonNull(options.get(prefix + "-proxy-user"), options.get("all-proxy-user"), parsed.user());
        String password = firstNonNull(options.get(prefix + "-proxy-passwd"), options.get("all-proxy-passwd"),
                parsed.password());
        Optional<ProxyCredentials> credentials = user == null && password == null ? Optional.empty()
                : Optional.of(new ProxyCredentials(user == null ? "" : user, password == null ? "" : password));
        return new ProxyServer(parsed.scheme(), parsed.host(), parsed.port(), credentials);
    }

    private static String firstNonNull(String first, String second, String third) {
        return first != null ? first : second != null ? second : third;
    }

    private static void ignore(List<String> ignored, ProxyOptionException bad) {
        if (!ignored.contains(bad.getMessage())) {
            LOG.warn("Ignoring environment variable {}", bad.getMessage());
            ignored.add(bad.getMessage());
        }
    }

    /**
     * The proxy for a request to {@code target}, or empty to connect directly (no proxy
     * configured for its scheme, or its host is excluded by {@code no-proxy}).
     */
    public Optional<ProxyServer> select(URI target) {
        String scheme = target.getScheme();
        String host = target.getHost();
        if (scheme == null || host == null) {
            return Optional.empty();
        }
        Protocol protocol;
        switch (scheme.toLowerCase(Locale.ROOT)) {
            case "http" -> protocol = Protocol.HTTP;
            case "https" -> protocol = Protocol.HTTPS;
            case "ftp" -> protocol = Protocol.FTP;
            default -> {
                return Optional.empty();
            }
        }
        ProxyServer server = proxies.get(protocol);
        if (server == null || noProxy.matches(host)) {
            return Optional.empty();
        }
        return Optional.of(server);
    }

    /** Why environment variables were ignored (messages without passwords), in lookup order. */
    public List<String> ignoredEnvironment() {
        return ignoredEnvironment;
    }

    @Override
    public String toString() {
        return "ProxySettings[" + proxies + ", " + noProxy + "]";
    }
}
