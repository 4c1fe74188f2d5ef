package dev.arietta.internal.options;

import java.util.ArrayList;
import java.util.List;

/**
 * aria2's {@code select-file} value: 1-based file indexes and ranges separated by commas,
 * {@code 1-5,8,9}. Kept as ranges, so {@code 1-1000000} costs two numbers. Immutable.
 */
public final class FileIndexes {

    private final List<int[]> ranges;

    private FileIndexes(List<int[]> ranges) {
        this.ranges = ranges;
    }

    /**
     * Parses {@code INDEX[-INDEX][,…]}: each index a decimal from 1 to {@link Integer#MAX_VALUE},
     * each range ascending; spaces around elements are ignored.
     *
     * @throws InvalidValueException naming the element that is not an index or a range
     */
    public static FileIndexes parse(String text) {
        List<int[]> ranges = new ArrayList<>();
        for (String element : text.split(",", -1)) {
            String item = TextRules.strip(element);
            int dash = item.indexOf('-');
            int first = index(dash < 0 ? item : item.substring(0, dash), item);
            int last = dash < 0 ? first : index(item.substring(dash + 1), item);
            if (last < first) {
                throw new InvalidValueException("range \"" + item + "\" runs backwards");
            }
            ranges.add(new int[] {first, last});
        }
        return new FileIndexes(List.copyOf(ranges));
    }

    private static int index(String digits, String element) {
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidValueException("\"" + element + "\" is not an index or a range of indexes");
        }
        long value = Long.parseLong(digits);
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw new InvalidValueException("index " + digits + " is not between 1 and " + Integer.MAX_VALUE);
        }
        return (int) value;
    }

    /** Whether the 1-based {@code index} is selected. */
    public boolean contains(int index) {
        for (int[] range : ranges) {
            if (index >= range[0] && index <= range[1]) {
                return true;
            }
        }
        return false;
    }
}
