package dev.freshet.executor.internal;

/** Arithmetic on watermarks, which may stand at the ends of the long range. */
final class Watermarks {
    private Watermarks() {
    }

    /**
     * {@code watermark + offset}, held at the ends of the long range instead of wrapping: the
     * value a bounded column can no longer fall below.
     */
    static long bound(long watermark, long offset) {
        long sum = watermark + offset;
        if (((watermark ^ sum) & (offset ^ sum)) < 0) {
            return offset < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }
}
