package dev.arietta.core.internal.piece;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class BitfieldTest {

    private static final int[] SIZES = {0, 1, 63, 64, 65, 127, 128, 129, 1000};

    @Test
    void wireOrderPutsPieceZeroInTheHighBitOfTheFirstByte() {
        Bitfield bitfield = new Bitfield(10);
        bitfield.set(0);
        bitfield.set(7);
        bitfield.set(9);
        assertArrayEquals(new byte[] {(byte) 0x81, (byte) 0x40}, bitfield.toByteArray());
    }

    @Test
    void wireOrderAcrossAWordBoundary() {
        Bitfield bitfield = new Bitfield(72);
        bitfield.set(63);
        bitfield.set(64);
        bitfield.set(71);
        // byte 7 holds pieces 56..63 (63 is its low bit); byte 8 holds 64..71.
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 1, (byte) 0x81}, bitfield.toByteArray());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 9, 63, 64, 65, 127, 128, 129, 1000})
    void randomBitfieldsRoundTripThroughWireForm(int size) {
        Random random = new Random(size);
        for (int round = 0; round < 20; round++) {
            BitSet model = new BitSet(size);
            Bitfield bitfield = new Bitfield(size);
            for (int i = 0; i < size; i++) {
                if (random.nextBoolean()) {
                    model.set(i);
                    bitfield.set(i);
                }
            }
            byte[] wire = bitfield.toByteArray();
            assertEquals((size + 7) / 8, wire.length);
            for (int i = 0; i < size; i++) {
                boolean bit = (wire[i / 8] & (0x80 >>> (i % 8))) != 0;
                assertEquals(model.get(i), bit, "wire bit " + i);
            }
            Bitfield parsed = Bitfield.fromByteArray(wire, size);
            assertEquals(bitfield, parsed);
            assertEquals(bitfield.hashCode(), parsed.hashCode());
            assertEquals(model.cardinality(), parsed.cardinality());
        }
    }

    static Stream<Arguments> badWireForms() {
        return Stream.of(
                Arguments.of(new byte[] {(byte) 0x40}, 1, "bitfield of 1 bits has spare bits set"),
                Arguments.of(new byte[] {(byte) 0x01}, 7, "bitfield of 7 bits has spare bits set"),
                Arguments.of(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0x01}, 65, "bitfield of 65 bits has spare bits set"),
                Arguments.of(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0x7F}, 65, "bitfield of 65 bits has spare bits set"),
                Arguments.of(new byte[] {0}, 0, "bitfield of 0 bits needs 0 bytes, got 1"),
                Arguments.of(new byte[0], 1, "bitfield of 1 bits needs 1 bytes, got 0"),
                Arguments.of(new byte[8], 65, "bitfield of 65 bits needs 9 bytes, got 8"),
                Arguments.of(new byte[10], 65, "bitfield of 65 bits needs 9 bytes, got 10"));
    }

    @ParameterizedTest
    @MethodSource("badWireForms")
    void badWireFormsAreRejected(byte[] wire, int size, String message) {
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> Bitfield.fromByteArray(wire, size));
        assertEquals(message, error.getMessage());
    }

    @Test
    void negativeSizeIsRejected() {
        assertEquals("negative bitfield size -1",
                assertThrows(IllegalArgumentException.class, () -> new Bitfield(-1)).getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 63, 64, 65})
    void edgeSizesFillAndEmpty(int size) {
        Bitfield bitfield = new Bitfield(size);
        assertTrue(bitfield.isEmpty());
        assertEquals(size == 0, bitfield.isFull());
        assertEquals(size == 0 ? -1 : 0, bitfield.nextClearBit(0));
        assertEquals(-1, bitfield.nextSetBit(0));
        bitfield.setAll();
        assertTrue(bitfield.isFull());
        assertEquals(size, bitfield.cardinality());
        assertEquals(-1, bitfield.nextClearBit(0));
        assertEquals(size == 0 ? -1 : 0, bitfield.nextSetBit(0));
        if (size > 0) {
            assertEquals(size - 1, bitfield.nextSetBit(size - 1));
            // Spare bits stay clear, so the wire form is valid and full.
            assertEquals(bitfield, Bitfield.fromByteArray(bitfield.toByteArray(), size));
            long lastWord = bitfield.word(bitfield.wordCount() - 1);
            assertEquals(size % 64 == 0 ? 64 : size % 64, Long.bitCount(lastWord));
        }
        bitfield.clearAll();
        assertTrue(bitfield.isEmpty());
        assertEquals(0, bitfield.cardinality());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 63, 64, 65})
    void indexesOutsideTheFieldAreRejected(int size) {
        Bitfield bitfield = new Bitfield(size);
        assertThrows(IndexOutOfBoundsException.class, () -> bitfield.get(size));
        assertThrows(IndexOutOfBoundsException.class, () -> bitfield.set(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> bitfield.clear(size));
        assertThrows(IndexOutOfBoundsException.class, () -> bitfield.nextSetBit(-1));
        assertEquals(-1, bitfield.nextSetBit(size));
        assertEquals(-1, bitfield.nextClearBit(size + 5));
    }

    @Test
    void setAndClearReportWhetherTheyChangedAnything() {
        Bitfield bitfield = new Bitfield(65);
        assertTrue(bitfield.set(64));
        assertFalse(bitfield.set(64));
        assertEquals(1, bitfield.cardinality());
        assertTrue(bitfield.clear(64));
        assertFalse(bitfield.clear(64));
        assertEquals(0, bitfield.cardinality());
    }

    @Test
    void nextSetAndClearBitCrossWordBoundaries() {
        Bitfield bitfield = new Bitfield(200);
        bitfield.set(5);
        bitfield.set(130);
        assertEquals(5, bitfield.nextSetBit(0));
        assertEquals(5, bitfield.nextSetBit(5));
        assertEquals(130, bitfield.nextSetBit(6));
        assertEquals(130, bitfield.nextSetBit(64));
        assertEquals(-1, bitfield.nextSetBit(131));

        bitfield.setAll();
        bitfield.clear(63);
        bitfield.clear(64);
        bitfield.clear(199);
        assertEquals(63, bitfield.nextClearBit(0));
        assertEquals(64, bitfield.nextClearBit(64));
        assertEquals(199, bitfield.nextClearBit(65));
        bitfield.set(199);
        assertEquals(-1, bitfield.nextClearBit(65));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 63, 64, 65, 1000})
    void nextBitsMatchBitSet(int size) {
        Random random = new Random(31 + size);
        Bitfield bitfield = new Bitfield(size);
        BitSet model = new BitSet();
        for (int i = 0; i < size; i++) {
            if (random.nextInt(5) == 0) {
                bitfield.set(i);
                model.set(i);
            }
        }
        for (int from = 0; from < size; from++) {
            int expectedSet = model.nextSetBit(from);
            int expectedClear = model.nextClearBit(from);
            assertEquals(expectedSet, bitfield.nextSetBit(from), "nextSetBit from " + from);
            assertEquals(expectedClear >= size ? -1 : expectedClear, bitfield.nextClearBit(from),
                    "nextClearBit from " + from);
        }
    }

    @Test
    void cardinalityFollowsAndOrAndNot() {
        for (int size : SIZES) {
            Random random = new Random(size * 7L);
            for (int round = 0; round < 10; round++) {
                BitSet modelA = new BitSet();
                BitSet modelB = new BitSet();
                Bitfield a = randomField(size, random, modelA);
                Bitfield b = randomField(size, random, modelB);

                Bitfield and = a.copy();
                and.and(b);
                BitSet expectedAnd = (BitSet) modelA.clone();
                expectedAnd.and(modelB);
                assertMatches(expectedAnd, and);

                Bitfield or = a.copy();
                or.or(b);
                BitSet expectedOr = (BitSet) modelA.clone();
                expectedOr.or(modelB);
                assertMatches(expectedOr, or);

                Bitfield andNot = a.copy();
                andNot.andNot(b);
                BitSet expectedAndNot = (BitSet) modelA.clone();
                expectedAndNot.andNot(modelB);
                assertMatches(expectedAndNot, andNot);

                assertEquals(modelA.intersects(modelB), a.intersects(b));
                BitSet missing = (BitSet) modelB.clone();
                missing.andNot(modelA);
                assertEquals(!missing.isEmpty(), a.lacksAnyOf(b));
                // The operands are untouched.
                assertMatches(modelA, a);
                assertMatches(modelB, b);
            }
        }
    }

    @Test
    void operationsBetweenDifferentSizesAreRejected() {
        Bitfield a = new Bitfield(64);
        Bitfield b = new Bitfield(65);
        assertEquals("bitfield sizes differ: 64 and 65",
                assertThrows(IllegalArgumentException.class, () -> a.and(b)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.or(b));
        assertThrows(IllegalArgumentException.class, () -> a.andNot(b));
        assertThrows(IllegalArgumentException.class, () -> a.intersects(b));
        assertThrows(IllegalArgumentException.class, () -> a.lacksAnyOf(b));
    }

    @Test
    void copyIsIndependent() {
        Bitfield original = new Bitfield(70);
        original.set(3);
        Bitfield copy = original.copy();
        copy.set(69);
        assertFalse(original.get(69));
        assertEquals(1, original.cardinality());
        assertEquals(2, copy.cardinality());
        assertNotEquals(original, copy);
        assertNotEquals(new Bitfield(70), new Bitfield(71));
    }

    private static Bitfield randomField(int size, Random random, BitSet model) {
        Bitfield bitfield = new Bitfield(size);
        int density = 1 + random.nextInt(4);
        for (int i = 0; i < size; i++) {
            if (random.nextInt(density + 1) == 0) {
                bitfield.set(i);
                model.set(i);
            }
        }
        return bitfield;
    }

    private static void assertMatches(BitSet expected, Bitfield actual) {
        assertEquals(expected.cardinality(), actual.cardinality(), "cardinality");
        for (int i = 0; i < actual.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "bit " + i);
        }
    }
}
