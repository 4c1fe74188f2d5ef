package dev.arietta.bencode;

import java.util.Arrays;
import java.util.List;

/** An immutable bencode list. */
public final class BList implements BValue {

    private static final BList EMPTY = new BList(List.of());

    private final List<BValue> items;

    private BList(List<BValue> items) {
        this.items = items;
    }

    /** A list of {@code items} (copied; nulls rejected). */
    public static BList of(List<? extends BValue> items) {
        return items.isEmpty() ? EMPTY : new BList(List.copyOf(items));
    }

    /** A list of {@code items} (nulls rejected). */
    public static BList of(BValue... items) {
        return of(Arrays.asList(items));
    }

    @Override
    public BType type() {
        return BType.LIST;
    }

    /** Number of items. */
    public int size() {
        return items.size();
    }

    /** Item at {@code index}. */
    public BValue get(int index) {
        return items.get(index);
    }

    @Override
    public List<BValue> asList() {
        return items;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BList other && items.equals(other.items);
    }

    @Override
    public int hashCode() {
        return items.hashCode();
    }

    @Override
    public String toString() {
        return items.toString();
    }
}
