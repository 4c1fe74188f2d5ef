package dev.arietta.internal.options;

import java.util.ArrayList;
import java.util.List;

/**
 * TCP or UDP ports as aria2's {@code listen-port}: single ports and ranges separated by commas,
 * {@code 6881-6999} or {@code 6881,6885-6889}. Kept as the canonical text; {@link #ranges}
 * gives the ranges in order.
 */
final class PortRangesSyntax implements ValueSyntax<String> {

    /** Most ranges in one value; more is no use for picking one port. */
    static final int MAX_RANGES = 64;

    @Override
    public String description() {
        return "ports 1..65535 or ranges PORT-PORT, comma-separated";
    }

    @Override
    public String placeholder() {
        return "PORT";
    }

    @Override
    public Class<?> valueClass() {
        return String.class;
    }

    @Override
    public String parse(String text) {
        StringBuilder canonical = new StringBuilder();
        for (int[] range : ranges(text)) {
            if (!canonical.isEmpty()) {
                canonical.append(',');
            }
            canonical.append(range[0]);
            if (range[1] != range[0]) {
                canonical.append('-').append(range[1]);
            }
        }
        return canonical.toString();
    }

    @Override
    public String format(String value) {
        return value;
    }

    /**
     * The ranges of {@code text}, each {@code {first, last}} with {@code first <= last}.
     *
     * @throws InvalidValueException if the text is not such a list
     */
    static List<int[]> ranges(String text) {
        List<int[]> ranges = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            if (ranges.size() == MAX_RANGES) {
                throw new InvalidValueException("more than " + MAX_RANGES + " port ranges");
            }
            int dash = part.indexOf('-');
            int first = port(dash < 0 ? part : part.substring(0, dash));
            int last = dash < 0 ? first : port(part.substring(dash + 1));
            if (first > last) {
                throw new InvalidValueException("range " + part + " ends before it starts");
            }
            ranges.add(new int[] {first, last});
        }
        return ranges;
    }

    private static int port(String text) {
        return IntegerSyntax.parseInRange(text.strip(), 1, 65535);
    }
}
