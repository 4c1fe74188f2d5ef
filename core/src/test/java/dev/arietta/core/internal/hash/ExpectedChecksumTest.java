package dev.arietta.core.internal.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpectedChecksumTest {

    private static final String SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void parsesTypeAndDigest() {
        ExpectedChecksum checksum = ExpectedChecksum.parse("sha-256=" + SHA256_ABC);
        assertEquals(HashAlgorithm.SHA_256, checksum.algorithm());
        assertArrayEquals(HexFormat.of().parseHex(SHA256_ABC), checksum.digest());
        assertTrue(checksum.matches(HashAlgorithm.SHA_256.newDigest().digest("abc".getBytes(StandardCharsets.US_ASCII))));
        assertFalse(checksum.matches(HashAlgorithm.SHA_256.newDigest().digest("abd".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void acceptsUpperCaseHexAndAliases() {
        ExpectedChecksum lower = ExpectedChecksum.parse("sha-256=" + SHA256_ABC);
        assertEquals(lower, ExpectedChecksum.parse("sha256=" + SHA256_ABC.toUpperCase()));
        assertEquals(lower, ExpectedChecksum.parse("SHA-256=" + SHA256_ABC));
        assertEquals(HashAlgorithm.SHA_1, ExpectedChecksum.parse("sha1=a9993e364706816aba3e25717850c26c9cd0d89d").algorithm());
    }

    @Test
    void toStringRoundTrips() {
        ExpectedChecksum checksum = ExpectedChecksum.parse("md5=900150983CD24FB0D6963F7D28E17F72");
        assertEquals("md5=900150983cd24fb0d6963f7d28e17f72", checksum.toString());
        assertEquals(checksum, ExpectedChecksum.parse(checksum.toString()));
    }

    @Test
    void digestIsCopied() {
        byte[] digest = new byte[16];
        ExpectedChecksum checksum = new ExpectedChecksum(HashAlgorithm.MD5, digest);
        digest[0] = 1;
        checksum.digest()[1] = 1;
        assertArrayEquals(new byte[16], checksum.digest());
    }

    @Test
    void constructorRejectsWrongDigestLength() {
        assertThrows(IllegalArgumentException.class, () -> new ExpectedChecksum(HashAlgorithm.SHA_1, new byte[16]));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "sha-256                                     | MISSING_SEPARATOR",
            "''                                          | MISSING_SEPARATOR",
            "sha-256:ba7816bf                            | MISSING_SEPARATOR",
            "=ba7816bf                                   | UNKNOWN_TYPE",
            "sha-3=ba7816bf                              | UNKNOWN_TYPE",
            "crc32=ba7816bf                              | UNKNOWN_TYPE",
            "' sha-1=a9993e364706816aba3e25717850c26c9cd0d89d' | UNKNOWN_TYPE",
            "sha-1=                                      | WRONG_LENGTH",
            "sha-1=a9993e364706816aba3e25717850c26c9cd0d89  | WRONG_LENGTH",
            "sha-1=a9993e364706816aba3e25717850c26c9cd0d89d0 | WRONG_LENGTH",
            "sha-1=a9993e364706816aba3e25717850c26c9cd0d89d00 | WRONG_LENGTH",
            "md5=a9993e364706816aba3e25717850c26c9cd0d89d | WRONG_LENGTH",
            "'sha-1=a9993e364706816aba3e25717850c26c9cd0d89d ' | WRONG_LENGTH",
            "sha-1=g9993e364706816aba3e25717850c26c9cd0d89d | BAD_HEX",
            "sha-1=a9993e364706816aba3e25717850c26c9cd0d8-d | BAD_HEX",
            "'sha-1=a9993e364706816aba3e25717850c26c9cd0d8 d' | BAD_HEX",
            "sha-1=a9993e364706816aba3e25717850c26c9cd0d89\uFF11 | BAD_HEX",
            "sha-1=a9993e364706816aba3e25717850c26c9cd0d89\u0661 | BAD_HEX",
            "md5=0x0150983cd24fb0d6963f7d28e17f72       | BAD_HEX",
            "sha-1=sha-1=a9993e364706816aba3e25717850c26c9c | BAD_HEX"
    })
    void rejectsBadValuesWithTheExactReason(String value, ChecksumFormatException.Reason reason) {
        ChecksumFormatException e = assertThrows(ChecksumFormatException.class, () -> ExpectedChecksum.parse(value));
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(ErrorCode.BAD_OPTION, e.errorCode());
    }
}
