package dev.arietta.core.internal.resume;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a resume state belongs to, so that a state file is never applied to another download:
 * a BitTorrent info-hash, or for HTTP/FTP/Metalink downloads a URL (together with the total
 * length, which {@link ResumeState} records for every download).
 */
public sealed interface ResumeIdentity permits ResumeIdentity.InfoHash, ResumeIdentity.Url {

    /** A BitTorrent info-hash: 20 bytes (v1, SHA-1) or 32 bytes (v2, SHA-256). Immutable. */
    final class InfoHash implements ResumeIdentity {

        private final byte[] bytes;

        /**
         * @param bytes the raw info-hash, 20 or 32 bytes (copied)
         * @throws IllegalArgumentException for another length
         */
        public InfoHash(byte[] bytes) {
            if (bytes.length != 20 && bytes.length != 32) {
                throw new IllegalArgumentException("an info-hash has 20 or 32 bytes, not " + bytes.length);
            }
            this.bytes = bytes.clone();
        }

        /** A copy of the raw info-hash. */
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof InfoHash other && Arrays.equals(other.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "info-hash " + HexFormat.of().formatHex(bytes);
        }
    }

    /**
     * The URL a non-BitTorrent download was started from.
     *
     * @param url the URL, not empty
     */
    record Url(String url) implements ResumeIdentity {

        /** @throws IllegalArgumentException if the URL is empty */
        public Url {
            if (url.isEmpty()) {
                throw new IllegalArgumentException("empty URL");
            }
        }

        @Override
        public String toString() {
            return "URL " + url;
        }
    }
}
