package dev.arietta.bittorrent.internal.tracker;

import dev.arietta.bencode.BDocument;
import dev.arietta.bencode.BNode;
import dev.arietta.bencode.Bencode;
import dev.arietta.bencode.BencodeDecoder;
import dev.arietta.bencode.BencodeException;
import dev.arietta.bencode.BencodeLimits;
import dev.arietta.bittorrent.metainfo.InfoHash;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * HTTP tracker requests and responses: the announce query (BEP 3, BEP 23 {@code compact=1}),
 * the scrape URL rule (BEP 48), and parsing of bencoded announce and scrape responses with
 * compact and dictionary-model {@code peers} and BEP 7 {@code peers6}. Stateless.
 *
 * <p>Lenient where clients are (aria2, libtorrent): unknown keys are ignored, a peer entry
 * with an unusable address or port is skipped, a negative interval counts as absent. Strict
 * where the response cannot be trusted: bad bencode, wrong types of known keys, a compact
 * list with a partial entry, or a limit exceeded is a {@link TrackerException}.
 */
final class HttpTrackerProtocol {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private HttpTrackerProtocol() {
    }

    /**
     * The announce URL: {@code trackerUrl} (fragment dropped, its own query kept) followed by
     * the BEP 3 parameters.
     */
    static String announceUrl(String trackerUrl, AnnounceRequest request) {
        StringBuilder url = new StringBuilder(trackerUrl.length() + 300);
        url.append(withoutFragment(trackerUrl));
        url.append(url.indexOf("?") >= 0 ? '&' : '?');
        url.append("info_hash=");
        appendEscaped(url, request.infoHash().bytes());
        url.append("&peer_id=");
        appendEscaped(url, request.peerId().bytes());
        TransferTotals totals = request.totals();
        url.append("&port=").append(request.port())
                .append("&uploaded=").append(totals.uploaded())
                .append("&downloaded=").append(totals.downloaded())
                .append("&left=").append(totals.left())
                .append("&compact=1&no_peer_id=1")
                .append("&numwant=").append(request.numwant())
                .append("&key=").append(HEX.toHexDigits(request.key()));
        if (request.event() != AnnounceEvent.NONE) {
            url.append("&event=").append(request.event().name().toLowerCase(Locale.ROOT));
        }
        request.trackerId().ifPresent(id -> {
            url.append("&trackerid=");
            appendEscaped(url, id.getBytes(StandardCharsets.ISO_8859_1));
        });
        return url.toString();
    }

    /**
     * BEP 48: the scrape URL of an announce URL whose last path segment starts with
     * {@code announce} (that word becomes {@code scrape}); empty when there is none.
     */
    static Optional<String> scrapeUrl(String trackerUrl) {
        String url = withoutFragment(trackerUrl);
        int queryStart = url.indexOf('?');
        int pathEnd = queryStart < 0 ? url.length() : queryStart;
        int segmentStart = url.lastIndexOf('/', pathEnd - 1) + 1;
        int authorityStart = url.indexOf("://") + 3;
        if (segmentStart <= authorityStart || !url.startsWith("announce", segmentStart)) {
            return Optional.empty();
        }
        return Optional.of(url.substring(0, segmentStart) + "scrape" + url.substring(segmentStart + "announce".length()));
    }

    /** The scrape request URL for one torrent. */
    static String scrapeRequestUrl(String scrapeUrl, InfoHash infoHash) {
        StringBuilder url = new StringBuilder(scrapeUrl);
        url.append(scrapeUrl.indexOf('?') >= 0 ? '&' : '?').append("info_hash=");
        appendEscaped(url, infoHash.bytes());
        return url.toString();
    }

    /** Parses an announce response body. */
    static AnnounceResponse parseAnnounce(byte[] body, String trackerUrl, TrackerLimits limits)
            throws TrackerException {
        BNode root = decodeDictionary(body, trackerUrl, limits);
        try {
            checkFailure(root, trackerUrl, limits);
            OptionalInt interval = seconds(root, "interval", trackerUrl);
            OptionalInt minInterval = seconds(root, "min interval", trackerUrl);
            Optional<String> trackerId = root.get("tracker id") != null
                    ? Optional.of(string(root, "tracker id", trackerUrl, StandardCharsets.ISO_8859_1))
                    : Optional.empty();
            long seeders = count(root, "complete", trackerUrl);
            long leechers = count(root, "incomplete", trackerUrl);
            Optional<String> warning = root.get("warning message") == null ? Optional.empty()
                    : Optional.of(limits.cut(string(root, "warning message", trackerUrl, StandardCharsets.UTF_8)));
            List<InetSocketAddress> peers = new ArrayList<>();
            BNode peerNode = root.get("peers");
            if (peerNode != null) {
                if (peerNode.isString()) {
                    CompactPeers.decode(peerNode.asBuffer(), CompactPeers.IPV4_ENTRY, peers, "peers", trackerUrl, limits);
                } else if (peerNode.isList()) {
                    dictionaryPeers(peerNode, peers, trackerUrl, limits);
                } else {
                    throw malformed(trackerUrl, "peers is " + describe(peerNode) + ", not a string or list");
                }
            }
            BNode peers6 = root.get("peers6");
            if (peers6 != null) {
                if (!peers6.isString()) {
                    throw malformed(trackerUrl, "peers6 is " + describe(peers6) + ", not a string");
                }
                CompactPeers.decode(peers6.asBuffer(), CompactPeers.IPV6_ENTRY, peers, "peers6", trackerUrl, limits);
            }
            return new AnnounceResponse(interval, minInterval, trackerId, seeders, leechers, warning, peers);
        } catch (BencodeException e) {
            throw malformed(trackerUrl, e.getMessage());
        }
    }

    /** Parses a scrape response body and picks {@code infoHash}'s entry. */
    static ScrapeResult parseScrape(byte[] body, InfoHash infoHash, String trackerUrl, TrackerLimits limits)
            throws TrackerException {
        BNode root = decodeDictionary(body, trackerUrl, limits);
        try {
            checkFailure(root, trackerUrl, limits);
            BNode files = root.get("files");
            if (files == null || !files.isDictionary()) {
                throw malformed(trackerUrl, "scrape response without a files dictionary");
            }
            List<BNode> matches = new ArrayList<>(1);
            files.forEachEntry((key, value) -> {
                if (key.rawLength() == InfoHash.LENGTH + 3 && infoHash.matches(key.rawBytes(), 3)) {
                    matches.add(value);
                }
            });
            if (matches.isEmpty()) {
                throw malformed(trackerUrl, "scrape response has no entry for " + infoHash.hex());
            }
            BNode entry = matches.get(0);
            if (!entry.isDictionary()) {
                throw malformed(trackerUrl, "scrape entry is " + describe(entry) + ", not a dictionary");
            }
            return new ScrapeResult(Math.max(0, count(entry, "complete", trackerUrl)),
                    Math.max(0, count(entry, "downloaded", trackerUrl)),
                    Math.max(0, count(entry, "incomplete", trackerUrl)));
        } catch (BencodeException e) {
            throw malformed(trackerUrl, e.getMessage());
        }
    }

    private static BNode decodeDictionary(byte[] body, String trackerUrl, TrackerLimits limits)
            throws TrackerException {
        if (body.length > limits.maxResponseBytes()) {
            throw new TrackerException(trackerUrl, TrackerException.Kind.LIMIT_EXCEEDED,
                    "response of " + body.length + " bytes exceeds the limit of " + limits.maxResponseBytes());
        }
        BencodeDecoder decoder = Bencode.decoder()
                .limits(BencodeLimits.DEFAULT.withMaxInputLength(Math.max(1, limits.maxResponseBytes()))).build();
        BDocument document;
        try {
            document = decoder.decode(body);
        } catch (BencodeException e) {
            throw new TrackerException(trackerUrl, TrackerException.Kind.MALFORMED_RESPONSE,
                    "response is not bencoded: " + e.getMessage(), e);
        }
        BNode root = document.root();
        if (!root.isDictionary()) {
            throw malformed(trackerUrl, "response is " + describe(root) + ", not a dictionary");
        }
        return root;
    }

    private static void checkFailure(BNode root, String trackerUrl, TrackerLimits limits)
            throws BencodeException, TrackerException {
        BNode failure = root.get("failure reason");
        if (failure != null) {
            String text = failure.isString() ? failure.asString() : failure.toValue().toString();
            throw new TrackerException(trackerUrl, TrackerException.Kind.TRACKER_FAILURE, limits.cut(text));
        }
    }

    private static void dictionaryPeers(BNode list, List<InetSocketAddress> peers, String trackerUrl,
            TrackerLimits limits) throws BencodeException, TrackerException {
        int size = list.size();
        if (peers.size() + size > limits.maxPeers()) {
            throw CompactPeers.tooManyPeers(trackerUrl, peers.size() + size, limits);
        }
        for (BNode entry : list.items()) {
            if (!entry.isDictionary()) {
                continue;
            }
            BNode ip = entry.get("ip");
            BNode port = entry.get("port");
            if (ip == null || !ip.isString() || port == null || !port.isInteger()) {
                continue;
            }
            long portNumber = port.asLong();
            InetAddress address = numericAddress(ip.asString());
            if (address != null && portNumber >= 1 && portNumber <= 65535) {
                peers.add(new InetSocketAddress(address, (int) portNumber));
            }
        }
    }

    /**
     * An IPv4 dotted quad or IPv6 literal, or null for anything else: host names are skipped
     * (as aria2 does) so that a tracker cannot make us look names up.
     */
    static InetAddress numericAddress(String text) {
        if (text.isEmpty() || text.length() > 45) {
            return null;
        }
        if (text.indexOf(':') >= 0) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                    return null;
                }
            }
            try {
                // Only hex digits, colons and dots: the JDK parses this as a literal, no lookup.
                return InetAddress.getByName(text);
            } catch (UnknownHostException e) {
                return null;
            }
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }

    private static OptionalInt seconds(BNode root, String key, String trackerUrl)
            throws BencodeException, TrackerException {
        BNode node = root.get(key);
        if (node == null) {
            return OptionalInt.empty();
        }
        if (!node.isInteger()) {
            throw malformed(trackerUrl, key + " is " + describe(node) + ", not an integer");
        }
        long value = node.asLong();
        return value < 0 ? OptionalInt.empty() : OptionalInt.of((int) Math.min(Integer.MAX_VALUE, value));
    }

    private static long count(BNode root, String key, String trackerUrl) throws BencodeException, TrackerException {
        BNode node = root.get(key);
        if (node == null) {
            return -1;
        }
        if (!node.isInteger()) {
            throw malformed(trackerUrl, key + " is " + describe(node) + ", not an integer");
        }
        return node.asLong();
    }

    private static String string(BNode root, String key, String trackerUrl, java.nio.charset.Charset charset)
            throws BencodeException, TrackerException {
        BNode node = root.get(key);
        if (!node.isString()) {
            throw malformed(trackerUrl, key + " is " + describe(node) + ", not a string");
        }
        return charset.decode(node.asBuffer()).toString();
    }

    private static String describe(BNode node) {
        return switch (node.type()) {
            case STRING -> "a string";
            case INTEGER -> "an integer";
            case LIST -> "a list";
            case DICTIONARY -> "a dictionary";
        };
    }

    private static TrackerException malformed(String trackerUrl, String reason) {
        return new TrackerException(trackerUrl, TrackerException.Kind.MALFORMED_RESPONSE, reason);
    }

    private static String withoutFragment(String url) {
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }

    /** RFC 3986 percent-encoding of raw bytes: unreserved characters stay, others become %XX. */
    static void appendEscaped(StringBuilder out, byte[] bytes) {
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX.toHexDigits((byte) c));
            }
        }
    }
}
