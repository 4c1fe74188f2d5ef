package dev.arietta.bittorrent.internal.tracker;

import static dev.arietta.bittorrent.internal.tracker.TrackerTestData.INFO_HASH;
import static dev.arietta.bittorrent.internal.tracker.TrackerTestData.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HTTP tracker query building, the BEP 48 scrape URL rule, and response parsing (good and hostile). */
class HttpTrackerProtocolTest {

    private static final String URL = "http://tracker.example/announce";
    private static final String ESCAPED_HASH = "%01%23Eg%89%AB%CD%EF%01%23Eg%89%AB%CD%EF%01%23Eg";

    @Test
    void announceUrlCarriesEveryBep3Parameter() {
        assertEquals(URL + "?info_hash=" + ESCAPED_HASH + "&peer_id=-AT0100-abcdefghijkl&port=6881&uploaded=100"
                        + "&downloaded=200&left=300&compact=1&no_peer_id=1&numwant=50&key=0BADCAFE&event=started",
                HttpTrackerProtocol.announceUrl(URL, request(AnnounceEvent.STARTED)));
    }

    @Test
    void announceUrlKeepsTheTrackersQueryDropsTheFragmentAndEchoesTheTrackerId() {
        AnnounceRequest base = request(AnnounceEvent.NONE);
        AnnounceRequest withId = new AnnounceRequest(base.infoHash(), base.peerId(), base.port(), base.totals(),
                AnnounceEvent.COMPLETED, 0, 1, Optional.of("id \377/1"));
        assertEquals(URL + "?passkey=s3cr3t&info_hash=" + ESCAPED_HASH + "&peer_id=-AT0100-abcdefghijkl&port=6881"
                        + "&uploaded=100&downloaded=200&left=300&compact=1&no_peer_id=1&numwant=0&key=00000001"
                        + "&event=completed&trackerid=id%20%FF%2F1",
                HttpTrackerProtocol.announceUrl(URL + "?passkey=s3cr3t#frag", withId));
        assertEquals(-1, HttpTrackerProtocol.announceUrl(URL, base).indexOf("event="), "no event for regular announces");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", value = {
        "http://example.com/announce,             http://example.com/scrape",
        "http://example.com/x/announce,           http://example.com/x/scrape",
        "http://example.com/announce.php,         http://example.com/scrape.php",
        "http://example.com/announce?x2%0644,     http://example.com/scrape?x2%0644",
        "http://example.com/announce?x=2/4,       http://example.com/scrape?x=2/4",
        "udp://example.com:80/announce,           udp://example.com:80/scrape",
        "http://example.com/a,                    none",
        "http://example.com/x%064announce,        none",
        "http://example.com/announce/x,           none",
        "http://example.com/,                     none",
        "http://announce,                         none",
    })
    void scrapeUrlFollowsBep48(String announce, String scrape) {
        assertEquals(Optional.ofNullable(scrape), HttpTrackerProtocol.scrapeUrl(announce));
    }

    @Test
    void parsesCompactPeersPeers6AndEveryField() throws Exception {
        byte[] body = bytes("d8:completei7e10:incompletei3e8:intervali1800e12:min intervali900e"
                + "5:peers12:\012\000\000\001\032\341\300\250\001\002\000\120"
                + "6:peers618:\040\001\r\270\000\000\000\000\000\000\000\000\000\000\000\007\032\342"
                + "10:tracker id4:\377ab\00015:warning message9:slow downe");
        AnnounceResponse response = HttpTrackerProtocol.parseAnnounce(body, URL, TrackerLimits.DEFAULT);
        assertEquals(OptionalInt.of(1800), response.intervalSeconds());
        assertEquals(OptionalInt.of(900), response.minIntervalSeconds());
        assertEquals(7, response.seeders());
        assertEquals(3, response.leechers());
        assertEquals(Optional.of("\377ab\000"), response.trackerId());
        assertEquals(Optional.of("slow down"), response.warning());
        assertEquals(List.of(new InetSocketAddress("10.0.0.1", 6881), new InetSocketAddress("192.168.1.2", 80),
                new InetSocketAddress("2001:db8::7", 6882)), response.peers());
    }

    @Test
    void parsesDictionaryPeersSkippingNamesBadPortsAndOddEntries() throws Exception {
        byte[] body = bytes("d8:intervali60e5:peersl"
                + "d2:ip8:10.0.0.27:peer id20:aaaaaaaaaaaaaaaaaaaa4:porti6881ee"
                + "d2:ip3:::14:porti51413ee"
                + "d2:ip11:example.com4:porti80ee"
                + "d2:ip10:10.0.0.3004:porti80ee"
                + "d2:ip8:10.0.0.44:porti0ee"
                + "d2:ip8:10.0.0.54:porti70000ee"
                + "d2:ip5:zz::14:porti80ee"
                + "i5e"
                + "d4:porti80eee"
                + "e");
        AnnounceResponse response = HttpTrackerProtocol.parseAnnounce(body, URL, TrackerLimits.DEFAULT);
        assertEquals(List.of(new InetSocketAddress("10.0.0.2", 6881), new InetSocketAddress("::1", 51413)),
                response.peers());
        assertEquals(-1, response.seeders(), "absent complete");
        assertEquals(OptionalInt.empty(), response.minIntervalSeconds());
    }

    @Test
    void negativeIntervalCountsAsAbsent() throws Exception {
        AnnounceResponse response = HttpTrackerProtocol.parseAnnounce(bytes("d8:intervali-5e5:peers0:e"), URL,
                TrackerLimits.DEFAULT);
        assertEquals(OptionalInt.empty(), response.intervalSeconds());
        assertEquals(List.of(), response.peers());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "garbage                                   | MALFORMED_RESPONSE | response is not bencoded: expected 'i', 'l', 'd' or a digit, found 'g' at offset 0",
        "d8:intervali60e                           | MALFORMED_RESPONSE | response is not bencoded: unexpected end of input inside a dictionary at offset 15",
        "li1ee                                     | MALFORMED_RESPONSE | response is a list, not a dictionary",
        "d14:failure reason9:not founde            | TRACKER_FAILURE    | not found",
        "d14:failure reasoni42ee                   | TRACKER_FAILURE    | 42",
        "d8:interval3:abce                         | MALFORMED_RESPONSE | interval is a string, not an integer",
        "d12:min intervalle5:peers0:e              | MALFORMED_RESPONSE | min interval is a list, not an integer",
        "d8:complete1:xe                           | MALFORMED_RESPONSE | complete is a string, not an integer",
        "d10:incompletedee                         | MALFORMED_RESPONSE | incomplete is a dictionary, not an integer",
        "d10:tracker idi5ee                        | MALFORMED_RESPONSE | tracker id is an integer, not a string",
        "d15:warning messagei1ee                   | MALFORMED_RESPONSE | warning message is an integer, not a string",
        "d5:peers5:abcdee                          | MALFORMED_RESPONSE | peers is 5 bytes, not a multiple of 6",
        "d5:peersi3ee                              | MALFORMED_RESPONSE | peers is an integer, not a string or list",
        "d6:peers67:abcdefge                       | MALFORMED_RESPONSE | peers6 is 7 bytes, not a multiple of 18",
        "d6:peers6lee                              | MALFORMED_RESPONSE | peers6 is a list, not a string",
        "d5:peers18:abcdefabcdefabcdefe            | LIMIT_EXCEEDED     | 3 peers exceed the limit of 2",
        "d5:peers12:abcdefabcdef6:peers618:abcdefabcdefabcdefe | LIMIT_EXCEEDED | 3 peers exceed the limit of 2",
        "d5:peersldededeee                         | LIMIT_EXCEEDED     | 3 peers exceed the limit of 2",
    })
    void hostileAnnounceResponses(String body, TrackerException.Kind kind, String reason) {
        TrackerLimits limits = TrackerLimits.DEFAULT.withMaxPeers(2);
        TrackerException failure = assertThrows(TrackerException.class,
                () -> HttpTrackerProtocol.parseAnnounce(bytes(body), URL, limits));
        assertEquals(kind, failure.kind());
        assertEquals(reason, failure.reason());
        assertEquals(URL, failure.trackerUrl());
    }

    @Test
    void bodyOverTheSizeLimitIsRefusedBeforeDecoding() {
        TrackerException failure = assertThrows(TrackerException.class, () -> HttpTrackerProtocol.parseAnnounce(
                bytes("d8:intervali60ee"), URL, TrackerLimits.DEFAULT.withMaxResponseBytes(10)));
        assertEquals(TrackerException.Kind.LIMIT_EXCEEDED, failure.kind());
        assertEquals("response of 16 bytes exceeds the limit of 10", failure.reason());
    }

    @Test
    void longFailureReasonIsCut() {
        TrackerLimits limits = new TrackerLimits(1024, 10, 5);
        TrackerException failure = assertThrows(TrackerException.class, () -> HttpTrackerProtocol.parseAnnounce(
                bytes("d14:failure reason11:hello worlde"), URL, limits));
        assertEquals("hello…", failure.reason());
    }

    @Test
    void parsesTheScrapeEntryOfOurTorrent() throws Exception {
        String other = "d8:completei1e10:downloadedi1e10:incompletei1ee";
        byte[] body = bytes("d5:filesd20:" + "x".repeat(20) + other + "20:" + latin1(INFO_HASH.bytes())
                + "d8:completei5e10:downloadedi50e10:incompletei10eeee");
        assertEquals(new ScrapeResult(5, 50, 10), HttpTrackerProtocol.parseScrape(body, INFO_HASH, URL,
                TrackerLimits.DEFAULT));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "d5:filesdee                   | MALFORMED_RESPONSE | scrape response has no entry for 0123456789abcdef0123456789abcdef01234567",
        "de                            | MALFORMED_RESPONSE | scrape response without a files dictionary",
        "d5:fileslee                   | MALFORMED_RESPONSE | scrape response without a files dictionary",
        "d14:failure reason9:no scrapee | TRACKER_FAILURE   | no scrape",
    })
    void hostileScrapeResponses(String body, TrackerException.Kind kind, String reason) {
        TrackerException failure = assertThrows(TrackerException.class,
                () -> HttpTrackerProtocol.parseScrape(bytes(body), INFO_HASH, URL, TrackerLimits.DEFAULT));
        assertEquals(kind, failure.kind());
        assertEquals(reason, failure.reason());
    }

    @Test
    void numericAddressNeverLooksUpNames() {
        assertNull(HttpTrackerProtocol.numericAddress("localhost"));
        assertNull(HttpTrackerProtocol.numericAddress("1.2.3"));
        assertNull(HttpTrackerProtocol.numericAddress("01.2.3.4444"));
        assertNull(HttpTrackerProtocol.numericAddress("fe80::1%lo"));
        assertEquals("1.2.3.4", HttpTrackerProtocol.numericAddress("1.2.3.4").getHostAddress());
    }

    @Test
    void masksUserInfoInTrackerUrls() {
        assertEquals("http://****@t.example/announce", TrackerException.mask("http://u:p@t.example/announce"));
        assertEquals("http://t.example/a@b", TrackerException.mask("http://t.example/a@b"));
    }

    private static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
