package dev.arietta.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.ErrorCode;
import dev.arietta.http.HttpProtocolException;
import dev.arietta.http.HttpProtocolException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseParserTest {

    private static final HttpLimits SMALL = HttpLimits.builder()
            .maxLineLength(64).maxHeaderCount(4).maxHeadBytes(200).maxInterimResponses(2)
            .maxChunkLineLength(32).maxTrailerBytes(40).build();

    /** Every slice size must give the same outcome: bytes may arrive one at a time. */
    private static final int[] SLICES = {1, 2, 7, 4096};

    static Stream<Arguments> malformedResponses() {
        return Stream.of(
                bad("HTTP/0.9 response without status line", "<html>hello</html>\n\n", Reason.MALFORMED_STATUS_LINE),
                bad("HTTP/2 status line", "HTTP/2 200 OK\r\n\r\n", Reason.MALFORMED_STATUS_LINE),
                bad("HTTP/1.2 version", "HTTP/1.2 200 OK\r\n\r\n", Reason.MALFORMED_STATUS_LINE),
                bad("two-digit status", "HTTP/1.1 20 OK\r\n\r\n", Reason.MALFORMED_STATUS_LINE),
                bad("status 099", "HTTP/1.1 099 Odd\r\n\r\n", Reason.MALFORMED_STATUS_LINE),
                bad("no space after status", "HTTP/1.1 200OK\r\n\r\n", Reason.MALFORMED_STATUS_LINE),
                bad("control char in reason", "HTTP/1.1 200 O\u0001K\r\n\r\n", Reason.MALFORMED_STATUS_LINE),
                bad("lowercase protocol", "http/1.1 200 OK\r\n\r\n", Reason.MALFORMED_STATUS_LINE),
                bad("header without colon", "HTTP/1.1 200 OK\r\nContent-Length 5\r\n\r\nhello", Reason.MALFORMED_HEADER),
                bad("space before colon", "HTTP/1.1 200 OK\r\nContent-Length : 5\r\n\r\nhello", Reason.MALFORMED_HEADER),
                bad("empty header name", "HTTP/1.1 200 OK\r\n: 5\r\n\r\n", Reason.MALFORMED_HEADER),
                bad("NUL in value", "HTTP/1.1 200 OK\r\nX: a\u0000b\r\n\r\n", Reason.MALFORMED_HEADER),
                bad("bare CR in value", "HTTP/1.1 200 OK\r\nX: a\rb\r\n\r\n", Reason.MALFORMED_HEADER),
                bad("fold before first field", "HTTP/1.1 200 OK\r\n folded\r\n\r\n", Reason.MALFORMED_HEADER),
                bad("over-long header line", "HTTP/1.1 200 OK\r\nX: " + "a".repeat(70) + "\r\n\r\n", Reason.LINE_TOO_LONG),
                bad("over-long status line", "HTTP/1.1 200 " + "O".repeat(70) + "\r\n\r\n", Reason.LINE_TOO_LONG),
                bad("too many fields", "HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\nE: 5\r\n\r\n", Reason.TOO_MANY_HEADERS),
                bad("head too large", "HTTP/1.1 200 OK\r\n" + ("X: " + "a".repeat(50) + "\r\n").repeat(3)
                        + "Y: " + "b".repeat(50) + "\r\n\r\n", Reason.HEADERS_TOO_LARGE),
                bad("endless 1xx", "HTTP/1.1 100 Continue\r\n\r\n".repeat(3) + "HTTP/1.1 200 OK\r\n\r\n", Reason.TOO_MANY_INTERIM_RESPONSES),
                bad("unrequested 101", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n", Reason.TOO_MANY_INTERIM_RESPONSES),
                bad("negative length", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", Reason.MALFORMED_CONTENT_LENGTH),
                bad("hex length", "HTTP/1.1 200 OK\r\nContent-Length: 0x10\r\n\r\n", Reason.MALFORMED_CONTENT_LENGTH),
                bad("empty length", "HTTP/1.1 200 OK\r\nContent-Length:\r\n\r\n", Reason.MALFORMED_CONTENT_LENGTH),
                bad("huge length", "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n", Reason.MALFORMED_CONTENT_LENGTH),
                bad("conflicting lengths", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", Reason.CONFLICTING_CONTENT_LENGTH),
                bad("conflicting list", "HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\nhello!", Reason.CONFLICTING_CONTENT_LENGTH),
                bad("gzip transfer coding", "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", Reason.UNSUPPORTED_TRANSFER_ENCODING),
                bad("gzip before chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", Reason.UNSUPPORTED_TRANSFER_ENCODING),
                bad("non-hex chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n", Reason.MALFORMED_CHUNK_SIZE),
                bad("empty chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\nhello\r\n0\r\n\r\n", Reason.MALFORMED_CHUNK_SIZE),
                bad("negative chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n", Reason.MALFORMED_CHUNK_SIZE),
                bad("garbage after size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5 x\r\nhello\r\n0\r\n\r\n", Reason.MALFORMED_CHUNK_SIZE),
                bad("overflowing chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1000000000000000\r\nhello\r\n", Reason.MALFORMED_CHUNK_SIZE),
                bad("over-long chunk line", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;" + "e".repeat(40) + "\r\nhello\r\n0\r\n\r\n", Reason.MALFORMED_CHUNK_SIZE),
                bad("chunk longer than size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n", Reason.MALFORMED_CHUNK),
                bad("trailers too large", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n" + "T: xxxxxxxxxx\r\n".repeat(4) + "\r\n", Reason.TRAILERS_TOO_LARGE),
                bad("chunked body cut", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel", Reason.TRUNCATED_BODY),
                bad("chunked without last chunk", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n", Reason.TRUNCATED_BODY),
                bad("lying Content-Length", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello", Reason.TRUNCATED_BODY));
    }

    private static Arguments bad(String name, String response, Reason reason) {
        return Arguments.of(name, response, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedResponses")
    void malformedResponseGivesTypedError(String name, String response, Reason reason) {
        for (int slice : SLICES) {
            HttpProtocolException error = assertThrows(HttpProtocolException.class,
                    () -> ResponseParsing.parse(response.getBytes(StandardCharsets.ISO_8859_1), slice, false, SMALL),
                    name + " in slices of " + slice);
            assertEquals(reason, error.reason(), name + " in slices of " + slice + ": " + error.getMessage());
            assertEquals(ErrorCode.HTTP_PROTOCOL_ERROR, error.errorCode());
            assertTrue(error.getMessage().contains("user:****@example.com"), error.getMessage());
            assertFalse(error.getMessage().contains("secret"), error.getMessage());
        }
    }

    static Stream<Arguments> wellFormedResponses() {
        return Stream.of(
                good("content-length", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", "hello", 0),
                good("repeated equal lengths", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5, 5\r\n\r\nhello", "hello", 0),
                good("bare LF line ends", "HTTP/1.1 200 OK\nContent-Length: 5\n\nhello", "hello", 0),
                good("no reason phrase", "HTTP/1.1 200\r\nContent-Length: 2\r\n\r\nok", "ok", 0),
                good("HTTP/1.0 until close", "HTTP/1.0 200 OK\r\n\r\nuntil the end", "until the end", 0),
                good("bytes after body kept", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1", "ok", 8),
                good("chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n", "hello world", 0),
                good("chunked upper-case hex and ext", "HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\nA;name=\"v\"\r\n0123456789\r\n0\r\n\r\n", "0123456789", 0),
                good("chunked leading zeros", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0000000000000000005\r\nhello\r\n0\r\n\r\n", "hello", 0),
                good("chunked with trailers", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\nDigest: x\r\n\r\n", "ok", 0),
                good("chunked with bare LF", "HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n2\nok\n0\n\n", "ok", 0),
                good("chunked beats Content-Length", "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n", "ok", 0),
                good("interim responses skipped", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx", "x", 0),
                good("204 has no body", "HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n", "", 0),
                good("304 has no body", "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n", "", 0),
                good("leading blank line", "\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx", "x", 0));
    }

    private static Arguments good(String name, String response, String body, int leftover) {
        return Arguments.of(name, response, body, leftover);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wellFormedResponses")
    void wellFormedResponseParses(String name, String response, String body, int leftover) throws Exception {
        for (int slice : SLICES) {
            ResponseParsing parsed = ResponseParsing.parse(response, slice);
            assertEquals(body, parsed.bodyText(), name + " in slices of " + slice);
            assertEquals(leftover, parsed.leftover, name + " in slices of " + slice);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 4096})
    void headerValuesAreTrimmedFoldedAndKeptInOrder(int slice) throws Exception {
        ResponseParsing parsed = ResponseParsing.parse("HTTP/1.1 206 Partial Content\r\n"
                + "Link: <http://mirror/a>; rel=duplicate\r\n"
                + "X-Folded: first\r\n   second\r\n"
                + "Digest:   SHA-256=abc=  \r\n"
                + "link: <http://mirror/b>; rel=duplicate\r\n"
                + "Content-Length: 0\r\n\r\n", slice);
        assertEquals(206, parsed.head.status());
        assertEquals("Partial Content", parsed.head.reason());
        assertEquals("HTTP/1.1", parsed.head.version());
        assertEquals(List.of("<http://mirror/a>; rel=duplicate", "<http://mirror/b>; rel=duplicate"), parsed.head.links());
        assertEquals(List.of("SHA-256=abc="), parsed.head.digests());
        assertEquals("first second", parsed.head.firstValue("x-folded").orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4096})
    void headRequestHasNoBodyWhateverTheHeadersSay(int slice) throws Exception {
        byte[] response = "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        ResponseParsing parsed = ResponseParsing.parse(response, slice, true, HttpLimits.defaults());
        assertEquals(0, parsed.body.length);
        assertEquals(1000, parsed.head.contentLength().orElseThrow());
    }
}
