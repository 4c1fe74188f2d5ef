package dev.arietta.bencode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Entry point: decode and encode bencode with the defaults, or build a configured
 * {@link BencodeDecoder}.
 *
 * <pre>{@code
 * BDocument torrent = Bencode.decode(Files.readAllBytes(path));
 * BNode info = torrent.root().getDictionary("info");
 * String name = info.getString("name");
 * byte[] infoHash = MessageDigest.getInstance("SHA-1").digest(info.rawBytes());
 * }</pre>
 *
 * <p>The static decoding methods use {@link BencodeMode#LENIENT} (unsorted keys accepted and
 * reported, as libtorrent and aria2 accept them) and {@link BencodeLimits#DEFAULT}. Use
 * {@code Bencode.decoder().strict().build()} for canonical-only input. Stateless and
 * thread-safe.
 */
public final class Bencode {

    private static final BencodeDecoder DEFAULT = BencodeDecoder.of(BencodeMode.LENIENT, BencodeLimits.DEFAULT);

    private Bencode() {
    }

    /** A builder for a decoder with other mode or limits. */
    public static BencodeDecoder.Builder decoder() {
        return new BencodeDecoder.Builder();
    }

    /** The default decoder: lenient, default limits. */
    public static BencodeDecoder defaultDecoder() {
        return DEFAULT;
    }

    /** Decodes one value filling {@code input}, as a zero-copy token view. */
    public static BDocument decode(byte[] input) throws BencodeException {
        return DEFAULT.decode(input);
    }

    /** Decodes one value filling the buffer's remaining bytes (position unchanged). */
    public static BDocument decode(ByteBuffer input) throws BencodeException {
        return DEFAULT.decode(input);
    }

    /** Reads the stream to its end (at most 64 MiB) and decodes one value. */
    public static BDocument decode(InputStream input) throws IOException {
        return DEFAULT.decode(input);
    }

    /** Decodes one value filling {@code input} into an immutable tree. */
    public static BValue decodeValue(byte[] input) throws BencodeException {
        return DEFAULT.decodeValue(input);
    }

    /** The canonical encoding of {@code value}. */
    public static byte[] encode(BValue value) {
        return ValueEncoder.encode(value);
    }

    /** Writes the canonical encoding of {@code value} to {@code out} (not closed). */
    public static void encode(BValue value, OutputStream out) throws IOException {
        out.write(ValueEncoder.encode(value));
    }
}
