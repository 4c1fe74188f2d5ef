package dev.arietta.http.internal.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.ErrorCode;
import dev.arietta.core.internal.picker.SegmentSelector;
import java.net.URI;
import org.junit.jupiter.api.Test;

class FirstRequestTest {

    private static final long PIECE = 1 << 20;

    private static TransferSettings settings(boolean head, boolean whole) {
        return new TransferSettings(4, 4, PIECE, PIECE, SegmentSelector.DEFAULT, true, 3, 0, 0, 0, 0, 64)
                .withFirstRequest(head, whole);
    }

    private static FetchFailure failure(FetchFailure.Kind kind) {
        return new FetchFailure(ErrorCode.UNKNOWN, "test " + kind, kind, 0);
    }

    @Test
    void onePieceFirstThenTheWholeEntityOnceARangeIsRefused() {
        FirstRequest first = new FirstRequest(settings(false, false));
        assertEquals(PIECE, first.end());
        assertFalse(first.headersOnly(URI.create("http://a/f")));
        assertFalse(first.askAgainAfter(false, failure(FetchFailure.Kind.RETRYABLE)));
        assertTrue(first.askAgainAfter(false, failure(FetchFailure.Kind.RANGE_UNSUPPORTED)));
        assertEquals(FetchRequest.TO_END, first.end());
        assertFalse(first.askAgainAfter(false, failure(FetchFailure.Kind.RANGE_UNSUPPORTED)), "only once");
    }

    @Test
    void wholeEntityFirstWithAcceptGzip() {
        assertEquals(FetchRequest.TO_END, new FirstRequest(settings(false, true)).end());
    }

    @Test
    void headOnlyToHttpSourcesAndOnlyUntilOneRefusesIt() {
        FirstRequest first = new FirstRequest(settings(true, false));
        assertTrue(first.headersOnly(URI.create("http://a/f")));
        assertTrue(first.headersOnly(URI.create("HTTPS://a/f")));
        assertFalse(first.headersOnly(URI.create("ftp://a/f")), "use-head is for HTTP servers");
        assertFalse(first.askAgainAfter(true, failure(FetchFailure.Kind.NOT_FOUND)), "a 404 stands");
        assertTrue(first.headersOnly(URI.create("http://a/f")));
        assertTrue(first.askAgainAfter(true, failure(FetchFailure.Kind.FATAL)));
        assertFalse(first.headersOnly(URI.create("http://a/f")));
    }
}
