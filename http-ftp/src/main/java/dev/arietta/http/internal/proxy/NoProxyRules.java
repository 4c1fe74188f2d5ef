package dev.arietta.http.internal.proxy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The hosts that bypass the proxy ({@code no-proxy} / {@code no_proxy}): a comma-separated
 * list whose entries are
 * <ul>
 *   <li>{@code *} — every host;</li>
 *   <li>a domain, with or without a leading {@code .} (or {@code *.}) — that host and all its
 *       subdomains ({@code example.com} matches {@code example.com} and {@code a.example.com},
 *       not {@code badexample.com}), as curl and most tools read it (aria2 matches a dotless
 *       entry only exactly; the broader reading is what users of {@code no_proxy} expect);</li>
 *   <li>an IPv4 or IPv6 address (IPv6 optionally bracketed) — exactly that address;</li>
 *   <li>a CIDR block such as {@code 192.168.0.0/16} or {@code fd00::/8} — IP hosts inside it.</li>
 * </ul>
 * As in aria2, host names are not resolved: address and CIDR entries only match URIs whose host
 * is an IP literal. A {@code :port} suffix on a name entry is ignored. Matching is
 * case-insensitive and ignores a trailing dot. Immutable and thread-safe.
 */
public final class NoProxyRules {
    private static final NoProxyRules NONE = new NoProxyRules(false, List.of(), List.of());

    private final boolean matchAll;
    private final List<String> domains;
    private final List<Block> blocks;

    private NoProxyRules(boolean matchAll, List<String> domains, List<Block> blocks) {
        this.matchAll = matchAll;
        this.domains = List.copyOf(domains);
        this.blocks = List.copyOf(blocks);
    }

    /** Rules that match nothing. */
    public static NoProxyRules none() {
        return NONE;
    }

    /**
     * Parses a comma-separated list. Empty entries are skipped.
     *
     * @param source the option or variable name, for errors
     * @throws ProxyOptionException on a malformed CIDR block or entry
     */
    public static NoProxyRules parse(String source, String list) throws ProxyOptionException {
        boolean matchAll = false;
        List<String> domains = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        for (String rawEntry : list.split(",")) {
            String entry = rawEntry.strip().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equals("*")) {
                matchAll = true;
                continue;
            }
            int slash = entry.indexOf('/');
            if (slash >= 0) {
                blocks.add(parseBlock(source, entry, slash));
                continue;
            }
            byte[] address = IpLiterals.parse(entry);
            if (address != null) {
                blocks.add(new Block(address, address.length * 8));
                continue;
            }
            String domain = entry;
            if (domain.startsWith("*.")) {
                domain = domain.substring(2);
            } else if (domain.startsWith(".")) {
                domain = domain.substring(1);
            }
            int colon = domain.indexOf(':');
            if (colon >= 0) {
                domain = domain.substring(0, colon);
            }
            if (domain.endsWith(".")) {
                domain = domain.substring(0, domain.length() - 1);
            }
            if (domain.isEmpty() || domain.chars().anyMatch(c -> c <= ' ' || c == '[' || c == ']' || c == '@')) {
                throw new ProxyOptionException(source, "bad no-proxy entry '" + entry + "'");
            }
            domains.add(domain);
        }
        return new NoProxyRules(matchAll, domains, blocks);
    }

    private static Block parseBlock(String source, String entry, int slash) throws ProxyOptionException {
        byte[] network = IpLiterals.parse(entry.substring(0, slash));
        String bitsText = entry.substring(slash + 1);
        if (network == null || bitsText.isEmpty() || bitsText.length() > 3
                || !bitsText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ProxyOptionException(source, "bad CIDR block '" + entry + "'");
        }
        int bits = Integer.parseInt(bitsText);
        if (bits > network.length * 8) {
            throw new ProxyOptionException(source, "CIDR prefix /" + bits + " too long in '" + entry + "'");
        }
        return new Block(network, bits);
    }

    /** Whether requests to {@code host} (a URI host, IPv6 possibly bracketed) bypass the proxy. */
    public boolean matches(String host) {
        if (matchAll) {
            return true;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        byte[] address = IpLiterals.parse(name);
        if (address != null) {
            for (Block block : blocks) {
                if (block.contains(address)) {
                    return true;
                }
            }
            return domains.contains(name);
        }
        for (String domain : domains) {
            if (name.equals(domain)
                    || (name.endsWith(domain) && name.charAt(name.length() - domain.length() - 1) == '.')) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "NoProxyRules[" + (matchAll ? "*, " : "") + domains + ", " + blocks.size() + " address blocks]";
    }

    private record Block(byte[] network, int prefixBits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int fullBytes = prefixBits / 8;
            if (!Arrays.equals(address, 0, fullBytes, network, 0, fullBytes)) {
                return false;
            }
            int remainingBits = prefixBits % 8;
            if (remainingBits == 0) {
                return true;
            }
            int mask = (0xFF << (8 - remainingBits)) & 0xFF;
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }
}
