package dev.arietta.http.internal;

/**
 * Bounds on what a server may send, so that a hostile or broken server gets a typed
 * {@link dev.arietta.http.HttpProtocolException} and a closed connection instead of
 * unbounded memory. Immutable; {@link #defaults()} or {@link #builder()}.
 */
public final class HttpLimits {

    /** Default {@link #maxLineLength()}: 8 KiB. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 8 * 1024;
    /** Default {@link #maxHeaderCount()}: 100 fields. */
    public static final int DEFAULT_MAX_HEADER_COUNT = 100;
    /** Default {@link #maxHeadBytes()}: 64 KiB. */
    public static final int DEFAULT_MAX_HEAD_BYTES = 64 * 1024;
    /** Default {@link #maxInterimResponses()}: 8. */
    public static final int DEFAULT_MAX_INTERIM_RESPONSES = 8;
    /** Default {@link #maxChunkLineLength()}: 1 KiB. */
    public static final int DEFAULT_MAX_CHUNK_LINE_LENGTH = 1024;
    /** Default {@link #maxTrailerBytes()}: 16 KiB. */
    public static final int DEFAULT_MAX_TRAILER_BYTES = 16 * 1024;
    /** Default {@link #maxInflateRatio()}: 1000 decoded bytes per encoded byte. */
    public static final int DEFAULT_MAX_INFLATE_RATIO = 1000;
    /** Default {@link #inflateRatioGraceBytes()}: 1 MiB. */
    public static final long DEFAULT_INFLATE_RATIO_GRACE_BYTES = 1024 * 1024;

    private static final HttpLimits DEFAULTS = builder().build();

    private final int maxLineLength;
    private final int maxHeaderCount;
    private final int maxHeadBytes;
    private final int maxInterimResponses;
    private final int maxChunkLineLength;
    private final int maxTrailerBytes;
    private final int maxInflateRatio;
    private final long inflateRatioGraceBytes;

    private HttpLimits(Builder builder) {
        this.maxLineLength = builder.maxLineLength;
        this.maxHeaderCount = builder.maxHeaderCount;
        this.maxHeadBytes = builder.maxHeadBytes;
        this.maxInterimResponses = builder.maxInterimResponses;
        this.maxChunkLineLength = builder.maxChunkLineLength;
        this.maxTrailerBytes = builder.maxTrailerBytes;
        this.maxInflateRatio = builder.maxInflateRatio;
        this.inflateRatioGraceBytes = builder.inflateRatioGraceBytes;
    }

    /** The default limits. */
    public static HttpLimits defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Longest status, header or trailer line, in bytes including the line end. */
    public int maxLineLength() {
        return maxLineLength;
    }

    /** Most header fields in one response head (folded continuation lines count once). */
    public int maxHeaderCount() {
        return maxHeaderCount;
    }

    /** Largest response head (status line, fields, line ends), in bytes. */
    public int maxHeadBytes() {
        return maxHeadBytes;
    }

    /** Most interim 1xx responses skipped before the final one. */
    public int maxInterimResponses() {
        return maxInterimResponses;
    }

    /** Longest chunk-size line (size, extensions, line end), in bytes. */
    public int maxChunkLineLength() {
        return maxChunkLineLength;
    }

    /** Largest chunked trailer section, in bytes. */
    public int maxTrailerBytes() {
        return maxTrailerBytes;
    }

    /**
     * Largest ratio of decoded to encoded bytes for gzip/deflate bodies, checked once
     * {@link #inflateRatioGraceBytes()} have been decoded: stops decompression bombs.
     */
    public int maxInflateRatio() {
        return maxInflateRatio;
    }

    /** Decoded bytes allowed before {@link #maxInflateRatio()} is enforced. */
    public long inflateRatioGraceBytes() {
        return inflateRatioGraceBytes;
    }

    /** Builds {@link HttpLimits}; every value must be positive. */
    public static final class Builder {
        private int maxLineLength = DEFAULT_MAX_LINE_LENGTH;
        private int maxHeaderCount = DEFAULT_MAX_HEADER_COUNT;
        private int maxHeadBytes = DEFAULT_MAX_HEAD_BYTES;
        private int maxInterimResponses = DEFAULT_MAX_INTERIM_RESPONSES;
        private int maxChunkLineLength = DEFAULT_MAX_CHUNK_LINE_LENGTH;
        private int maxTrailerBytes = DEFAULT_MAX_TRAILER_BYTES;
        private int maxInflateRatio = DEFAULT_MAX_INFLATE_RATIO;
        private long inflateRatioGraceBytes = DEFAULT_INFLATE_RATIO_GRACE_BYTES;

        private Builder() {
        }

        /** Default {@value HttpLimits#DEFAULT_MAX_LINE_LENGTH} bytes. */
        public Builder maxLineLength(int bytes) {
            this.maxLineLength = positive(bytes, "maxLineLength");
            return this;
        }

        /** Default {@value HttpLimits#DEFAULT_MAX_HEADER_COUNT}. */
        public Builder maxHeaderCount(int count) {
            this.maxHeaderCount = positive(count, "maxHeaderCount");
            return this;
        }

        /** Default {@value HttpLimits#DEFAULT_MAX_HEAD_BYTES} bytes. */
        public Builder maxHeadBytes(int bytes) {
            this.maxHeadBytes = positive(bytes, "maxHeadBytes");
            return this;
        }

        /** Default {@value HttpLimits#DEFAULT_MAX_INTERIM_RESPONSES}. */
        public Builder maxInterimResponses(int count) {
            this.maxInterimResponses = positive(count, "maxInterimResponses");
            return this;
        }

        /** Default {@value HttpLimits#DEFAULT_MAX_CHUNK_LINE_LENGTH} bytes. */
        public Builder maxChunkLineLength(int bytes) {
            this.maxChunkLineLength = positive(bytes, "maxChunkLineLength");
            return this;
        }

        /** Default {@value HttpLimits#DEFAULT_MAX_TRAILER_BYTES} bytes. */
        public Builder maxTrailerBytes(int bytes) {
            this.maxTrailerBytes = positive(bytes, "maxTrailerBytes");
            return this;
        }

        /** Default {@value HttpLimits#DEFAULT_MAX_INFLATE_RATIO}. */
        public Builder maxInflateRatio(int ratio) {
            this.maxInflateRatio = positive(ratio, "maxInflateRatio");
            return this;
        }

        /** Default {@value HttpLimits#DEFAULT_INFLATE_RATIO_GRACE_BYTES} bytes. */
        public Builder inflateRatioGraceBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("inflateRatioGraceBytes must be positive: " + bytes);
            }
            this.inflateRatioGraceBytes = bytes;
            return this;
        }

        public HttpLimits build() {
            return new HttpLimits(this);
        }

        private static int positive(int value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }
}
