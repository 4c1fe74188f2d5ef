package dev.arietta.core.internal.picker;

import dev.arietta.core.internal.piece.PartialPieces;

/**
 * Tuning of a {@link PiecePicker}. Immutable.
 *
 * @param maxRequestsPerBlock  most sources asked for the same block at once during end-game,
 *                             counting the first request: 1 disables duplicate requests.
 *                             Default {@value #DEFAULT_MAX_REQUESTS_PER_BLOCK}; at most
 *                             {@link PartialPieces#MAX_REQUESTERS_PER_BLOCK}
 * @param gapFillCompletion    in {@link PieceOrder#GAP_AWARE} order, the fraction of pieces we
 *                             must have (strictly more than) before BEP 19's "fill in the gaps"
 *                             rule is used at all. Default {@value #DEFAULT_GAP_FILL_COMPLETION}
 *                             (BEP 19: "more than 50% complete"); 1 disables the rule
 * @param gapFillOneIn         once past {@code gapFillCompletion}, one new piece in this many is
 *                             chosen by "fill in the gaps" (at random, with the picker's random
 *                             source). Default {@value #DEFAULT_GAP_FILL_ONE_IN} (GetRight's 1 in 10)
 */
public record PickerOptions(int maxRequestsPerBlock, double gapFillCompletion, int gapFillOneIn) {

    public static final int DEFAULT_MAX_REQUESTS_PER_BLOCK = 2;
    public static final double DEFAULT_GAP_FILL_COMPLETION = 0.5;
    public static final int DEFAULT_GAP_FILL_ONE_IN = 10;

    public PickerOptions {
        if (maxRequestsPerBlock < 1 || maxRequestsPerBlock > PartialPieces.MAX_REQUESTERS_PER_BLOCK) {
            throw new IllegalArgumentException("maxRequestsPerBlock " + maxRequestsPerBlock + " outside 1.."
                    + PartialPieces.MAX_REQUESTERS_PER_BLOCK);
        }
        if (!(gapFillCompletion >= 0 && gapFillCompletion <= 1)) {
            throw new IllegalArgumentException("gapFillCompletion " + gapFillCompletion + " outside 0..1");
        }
        if (gapFillOneIn < 1) {
            throw new IllegalArgumentException("gapFillOneIn " + gapFillOneIn + " < 1");
        }
    }

    /** The defaults listed above. */
    public static PickerOptions defaults() {
        return new PickerOptions(DEFAULT_MAX_REQUESTS_PER_BLOCK, DEFAULT_GAP_FILL_COMPLETION, DEFAULT_GAP_FILL_ONE_IN);
    }

    public PickerOptions withMaxRequestsPerBlock(int value) {
        return new PickerOptions(value, gapFillCompletion, gapFillOneIn);
    }

    public PickerOptions withGapFill(double completion, int oneIn) {
        return new PickerOptions(maxRequestsPerBlock, completion, oneIn);
    }
}
