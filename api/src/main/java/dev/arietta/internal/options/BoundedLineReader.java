package dev.arietta.internal.options;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into UTF-8 lines ending in {@code \n} or {@code \r\n} while enforcing
 * {@link InputFileLimits}: no line is buffered past its limit, and the total is counted as it is
 * read. A UTF-8 byte order mark at the start is skipped. Not thread-safe.
 */
final class BoundedLineReader {

    private static final int CHUNK_BYTES = 8192;
    private static final int INITIAL_LINE_BYTES = 256;

    private final InputStream in;
    private final InputFileLimits limits;
    private final String source;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] chunk = new byte[CHUNK_BYTES];
    private int chunkStart;
    private int chunkEnd;
    private byte[] line = new byte[INITIAL_LINE_BYTES];
    private long totalBytes;
    private int lineNumber;
    private boolean endOfInput;

    BoundedLineReader(InputStream in, InputFileLimits limits, String source) {
        this.in = in;
        this.limits = limits;
        this.source = source;
    }

    /** The 1-based number of the line last returned by {@link #next()}. */
    int lineNumber() {
        return lineNumber;
    }

    /**
     * The next line without its ending, or {@code null} at the end of input.
     *
     * @throws InputFileException on a limit exceeded or a line that is not UTF-8
     * @throws IOException        if reading fails
     */
    String next() throws IOException {
        int length = 0;
        boolean any = false;
        while (true) {
            if (chunkStart == chunkEnd && !fill()) {
                if (!any) {
                    return null;
                }
                break;
            }
            any = true;
            byte b = chunk[chunkStart++];
            if (b == '\n') {
                break;
            }
            // One byte beyond the limit is allowed for a '\r' before the '\n'.
            if (length > limits.maxLineBytes()) {
                throw new InputFileException(InputFileException.Reason.LINE_TOO_LONG, source, lineNumber + 1,
                        "line longer than " + limits.maxLineBytes() + " bytes", null);
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, Math.min(line.length * 2, limits.maxLineBytes() + 1));
            }
            line[length++] = b;
        }
        lineNumber++;
        if (lineNumber > limits.maxLines()) {
            throw new InputFileException(InputFileException.Reason.TOO_MANY_LINES, source, lineNumber,
                    "more than " + limits.maxLines() + " lines", null);
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        if (length > limits.maxLineBytes()) {
            throw new InputFileException(InputFileException.Reason.LINE_TOO_LONG, source, lineNumber,
                    "line longer than " + limits.maxLineBytes() + " bytes", null);
        }
        int start = 0;
        if (lineNumber == 1 && length >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB
                && line[2] == (byte) 0xBF) {
            start = 3;
        }
        try {
            return decoder.decode(ByteBuffer.wrap(line, start, length - start)).toString();
        } catch (CharacterCodingException e) {
            throw new InputFileException(InputFileException.Reason.MALFORMED_TEXT, source, lineNumber,
                    "not valid UTF-8", e);
        }
    }

    private boolean fill() throws IOException {
        if (endOfInput) {
            return false;
        }
        int read;
        do {
            read = in.read(chunk, 0, chunk.length);
        } while (read == 0);
        if (read < 0) {
            endOfInput = true;
            return false;
        }
        totalBytes += read;
        if (totalBytes > limits.maxBytes()) {
            throw new InputFileException(InputFileException.Reason.TOO_LARGE, source, 0,
                    "more than " + limits.maxBytes() + " bytes", null);
        }
        chunkStart = 0;
        chunkEnd = read;
        return true;
    }
}
