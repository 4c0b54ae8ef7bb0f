package dev.freshet.tests.differential;

import java.util.Random;

/**
 * When a differential test compares its views with the oracle: after a random {@value #FEWEST} to
 * {@value #MOST} transactions, so that checks fall at varied points of the workload and a view
 * that is wrong only for a moment is still caught in some runs, and at once whenever the caller
 * has a reason of its own. The same seed gives the same checks, so a run replays.
 */
final class CheckCadence {
    static final int FEWEST = 4;
    static final int MOST = 10;

    private final Random random;
    private int untilCheck;

    CheckCadence(long seed) {
        // Random(seed) scrambles its seed with this constant: the cadence draws from a sequence of
        // its own, apart from the workload's Random(seed).
        random = new Random(seed ^ 0x5DEECE66DL);
        untilCheck = draw();
    }

    /**
     * Counts one transaction and says whether a check is due after it: because its random count
     * has run out, or because {@code anyway} (the last transaction, a table emptied). A check
     * starts a new count.
     */
    boolean isDue(boolean anyway) {
        untilCheck--;
        if (untilCheck > 0 && !anyway) {
            return false;
        }
        untilCheck = draw();
        return true;
    }

    private int draw() {
        return FEWEST + random.nextInt(MOST - FEWEST + 1);
    }
}
