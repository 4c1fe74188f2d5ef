package dev.arietta.bencode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes bencode incrementally, in canonical form: dictionary keys must be given in ascending
 * raw-byte order, each once, or the call throws {@link IllegalStateException} — so whatever
 * this writer produces decodes in {@link BencodeMode#STRICT} mode.
 *
 * <pre>{@code
 * byte[] bytes = new BencodeWriter()
 *         .beginDictionary()
 *             .key("interval").value(1800)
 *             .key("peers").value(compactPeers)
 *         .end()
 *         .toByteArray();
 * }</pre>
 *
 * <p>Output accumulates in an internal buffer; {@link #drainTo(OutputStream)} moves what has
 * been written so far to a stream, so large documents need not be held whole. Misuse (a value
 * where a key is due, {@code end()} with nothing open, a second root value, reading the result
 * while containers are open) throws {@link IllegalStateException}. Not thread-safe.
 */
public final class BencodeWriter {

    private static final int LIST = 1;
    private static final int DICTIONARY = 2;

    private byte[] buffer = new byte[256];
    private int size;
    private long drained;

    private int[] frames = new int[8];
    private boolean[] keyDue = new boolean[8];
    private byte[][] lastKeys = new byte[8][];
    private int depth;
    private boolean rootWritten;

    /** Starts a list; close it with {@link #end()}. */
    public BencodeWriter beginList() {
        beforeValue();
        push(LIST);
        append((byte) 'l');
        return this;
    }

    /** Starts a dictionary; alternate {@link #key(String)} and a value, then {@link #end()}. */
    public BencodeWriter beginDictionary() {
        beforeValue();
        push(DICTIONARY);
        append((byte) 'd');
        return this;
    }

    /** Closes the innermost open list or dictionary. */
    public BencodeWriter end() {
        if (depth == 0) {
            throw new IllegalStateException("end() with no open list or dictionary");
        }
        if (frames[depth - 1] == DICTIONARY && !keyDue[depth - 1]) {
            throw new IllegalStateException("end() after a dictionary key without its value");
        }
        depth--;
        lastKeys[depth] = null;
        append((byte) 'e');
        afterValue();
        return this;
    }

    /** The next dictionary key, as UTF-8. */
    public BencodeWriter key(String key) {
        return key(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The next dictionary key, as raw bytes. */
    public BencodeWriter key(byte[] key) {
        if (depth == 0 || frames[depth - 1] != DICTIONARY) {
            throw new IllegalStateException("key() outside a dictionary");
        }
        if (!keyDue[depth - 1]) {
            throw new IllegalStateException("key() where the previous key's value is due");
        }
        byte[] previous = lastKeys[depth - 1];
        if (previous != null) {
            int order = Arrays.compareUnsigned(previous, key);
            if (order >= 0) {
                throw new IllegalStateException((order == 0 ? "duplicate key \"" : "key out of canonical order: \"")
                        + new String(key, StandardCharsets.UTF_8) + "\" after \""
                        + new String(previous, StandardCharsets.UTF_8) + "\"");
            }
        }
        lastKeys[depth - 1] = key.clone();
        writeString(key, 0, key.length);
        keyDue[depth - 1] = false;
        return this;
    }

    /** An integer value. */
    public BencodeWriter value(long value) {
        beforeValue();
        ensure(22);
        buffer[size++] = 'i';
        size = ValueEncoder.writeDecimal(value, buffer, size);
        buffer[size++] = 'e';
        afterValue();
        return this;
    }

    /** A byte string value holding the UTF-8 encoding of {@code text}. */
    public BencodeWriter value(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return value(bytes, 0, bytes.length);
    }

    /** A byte string value. */
    public BencodeWriter value(byte[] bytes) {
        return value(bytes, 0, bytes.length);
    }

    /** A byte string value from part of an array. */
    public BencodeWriter value(byte[] bytes, int offset, int length) {
        beforeValue();
        writeString(bytes, offset, length);
        afterValue();
        return this;
    }

    /** Any value tree, canonically. */
    public BencodeWriter value(BValue value) {
        beforeValue();
        byte[] encoded = ValueEncoder.encode(value);
        ensure(encoded.length);
        System.arraycopy(encoded, 0, buffer, size, encoded.length);
        size += encoded.length;
        afterValue();
        return this;
    }

    /**
     * Moves the bytes written so far (and not yet drained) to {@code out}; the writer goes on
     * where it was.
     */
    public BencodeWriter drainTo(OutputStream out) throws IOException {
        out.write(buffer, 0, size);
        drained += size;
        size = 0;
        return this;
    }

    /** Total bytes written, drained ones included. */
    public long length() {
        return drained + size;
    }

    /**
     * The complete encoding (bytes not yet drained).
     *
     * @throws IllegalStateException if no value was written or a container is still open
     */
    public byte[] toByteArray() {
        if (!rootWritten || depth > 0) {
            throw new IllegalStateException(depth > 0 ? depth + " list(s)/dictionaries still open" : "nothing written");
        }
        return Arrays.copyOf(buffer, size);
    }

    private void writeString(byte[] bytes, int offset, int length) {
        ensure(length + 12);
        size = ValueEncoder.writeDecimal(length, buffer, size);
        buffer[size++] = ':';
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
    }

    private void beforeValue() {
        if (depth == 0) {
            if (rootWritten) {
                throw new IllegalStateException("a bencode document holds one root value");
            }
            return;
        }
        if (frames[depth - 1] == DICTIONARY && keyDue[depth - 1]) {
            throw new IllegalStateException("a dictionary key is due before this value");
        }
    }

    private void afterValue() {
        if (depth == 0) {
            rootWritten = true;
        } else if (frames[depth - 1] == DICTIONARY) {
            keyDue[depth - 1] = true;
        }
    }

    private void push(int frame) {
        if (depth == frames.length) {
            frames = Arrays.copyOf(frames, depth * 2);
            keyDue = Arrays.copyOf(keyDue, depth * 2);
            lastKeys = Arrays.copyOf(lastKeys, depth * 2);
        }
        frames[depth] = frame;
        keyDue[depth] = true;
        lastKeys[depth] = null;
        depth++;
    }

    private void append(byte b) {
        ensure(1);
        buffer[size++] = b;
    }

    private void ensure(int extra) {
        if (size + extra > buffer.length) {
            long wanted = Math.max((long) buffer.length * 2, (long) size + extra);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("more than an array holds; drain to a stream first");
            }
            buffer = Arrays.copyOf(buffer, (int) wanted);
        }
    }
}
