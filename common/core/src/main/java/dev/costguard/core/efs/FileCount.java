package dev.costguard.core.efs;

/** The answer of a count: how many, or why there is no number. Never a 0 standing in for "could not count". */
public sealed interface FileCount {

    record Counted(long count) implements FileCount {
    }

    record Failed(String reason) implements FileCount {
    }
}
