package dev.costguard.efsscaler;

/** The one rule of req 1.3: strictly more files than the threshold asks for a new mount target. */
final class Threshold {

    private Threshold() {
    }

    static boolean exceeded(long count, long threshold) {
        return count > threshold;
    }
}
