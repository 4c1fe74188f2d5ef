package dev.arietta.benchmarks.bencode;

import com.dampcake.bencode.Bencode;
import com.dampcake.bencode.Type;
import dev.arietta.bencode.BDocument;
import dev.arietta.bencode.BValue;
import dev.arietta.bencode.BencodeException;
import dev.arietta.benchmarks.BenchmarkBase;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decode (token view and value tree) and encode of real-shaped inputs, side by side with
 * com.dampcake:bencode 1.4.2 (binary-safe mode, as a torrent needs) on the same bytes.
 * Run with {@code -prof gc} for allocation per operation.
 */
@State(Scope.Benchmark)
public class BencodeBenchmark extends BenchmarkBase {

    @Param({"torrent-20KB", "torrent-10k-files", "dht-get-peers-response", "tracker-response"})
    public String input;

    private byte[] bytes;
    private BValue tree;
    private Bencode dampcake;
    private Map<String, Object> dampcakeTree;

    @Setup
    public void setUp() throws BencodeException {
        bytes = BencodeInputs.named(input);
        tree = dev.arietta.bencode.Bencode.decodeValue(bytes);
        dampcake = new Bencode(true);
        dampcakeTree = dampcake.decode(bytes, Type.DICTIONARY);
    }

    @Benchmark
    public BDocument decodeTokenView() throws BencodeException {
        return dev.arietta.bencode.Bencode.decode(bytes);
    }

    @Benchmark
    public BValue decodeTree() throws BencodeException {
        return dev.arietta.bencode.Bencode.decodeValue(bytes);
    }

    @Benchmark
    public Map<String, Object> decodeDampcake() {
        return dampcake.decode(bytes, Type.DICTIONARY);
    }

    @Benchmark
    public byte[] encodeTree() {
        return dev.arietta.bencode.Bencode.encode(tree);
    }

    @Benchmark
    public byte[] encodeDampcake() {
        return dampcake.encode(dampcakeTree);
    }
}
