package dev.costguard.core.efs;

/** The answer of a count: how many, or why there is no number. Never a 0 standing in for "could not count". */
public sealed interface FileCount {

    /** Every entry was counted. */
    record Counted(long count) implements FileCount {
    }

    /** The count passed {@code limit} and stopped there: all a threshold decision needs to know. */
    record MoreThan(long limit) implements FileCount {
    }

    /** The run's deadline came first; {@code countedSoFar} is a lower bound, not the directory's size. */
    record OutOfTime(long countedSoFar) implements FileCount {
    }

    record Failed(String reason) implements FileCount {
    }
}
