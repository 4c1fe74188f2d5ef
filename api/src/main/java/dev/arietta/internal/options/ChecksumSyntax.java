package dev.arietta.internal.options;

import dev.arietta.core.internal.hash.ChecksumFormatException;
import dev.arietta.core.internal.hash.ExpectedChecksum;

/**
 * aria2's {@code checksum=TYPE=HEXDIGEST}, parsed by core's {@link ExpectedChecksum}; kept in
 * its canonical form {@code sha-256=<lower-case hex>} so that {@link ExpectedChecksum#parse}
 * accepts it again wherever the engine needs the digest.
 */
final class ChecksumSyntax implements ValueSyntax<String> {

    @Override
    public String description() {
        return "TYPE=HEXDIGEST with TYPE one of md5, sha-1, sha-224, sha-256, sha-384, sha-512";
    }

    @Override
    public String placeholder() {
        return "TYPE=DIGEST";
    }

    @Override
    public Class<?> valueClass() {
        return String.class;
    }

    @Override
    public String parse(String text) {
        try {
            return ExpectedChecksum.parse(text).toString();
        } catch (ChecksumFormatException e) {
            throw new InvalidValueException(e.getMessage(), e);
        }
    }

    @Override
    public String format(String value) {
        return value;
    }
}
