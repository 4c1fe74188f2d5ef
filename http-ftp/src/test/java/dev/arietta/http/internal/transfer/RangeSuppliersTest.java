package dev.arietta.http.internal.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RangeSuppliersTest {

    @Test
    void adjacentRangesOfOneSourceMergeAndOverlapsNameEverySource() {
        RangeSuppliers<String> suppliers = new RangeSuppliers<>();
        suppliers.record(0, 10, "a");
        suppliers.record(10, 20, "a");
        suppliers.record(20, 30, "b");
        assertEquals(2, suppliers.size());
        assertEquals(Set.of("a"), suppliers.suppliersOf(0, 20));
        assertEquals(List.of("a", "b"), List.copyOf(suppliers.suppliersOf(15, 25)));
        assertEquals(Set.of("b"), suppliers.suppliersOf(20, 21));
        assertEquals(Set.of(), suppliers.suppliersOf(30, 40));
    }

    @Test
    void bytesFetchedAgainReplaceTheOldSupplierAndForgottenOnesHaveNone() {
        RangeSuppliers<String> suppliers = new RangeSuppliers<>();
        suppliers.record(0, 30, "a");
        suppliers.forget(10, 20);
        assertEquals(Set.of(), suppliers.suppliersOf(10, 20));
        suppliers.record(10, 20, "b");
        assertEquals(List.of("a", "b"), List.copyOf(suppliers.suppliersOf(5, 15)));
        assertEquals(Set.of("b"), suppliers.suppliersOf(10, 20));
        suppliers.record(0, 30, "c");
        assertEquals(Set.of("c"), suppliers.suppliersOf(0, 30));
        assertEquals(1, suppliers.size());
    }
}
