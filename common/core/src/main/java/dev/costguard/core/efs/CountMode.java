package dev.costguard.core.efs;

/** What a file count counts. */
public enum CountMode {
    /**
     * Every name in the directory but . and .., read from the directory alone with no per-file stat: what
     * {@code ls -f} sees. The fast default for a directory that holds only files.
     */
    ENTRIES,
    /**
     * Regular files only, symbolic links not followed: what {@code find DIR -maxdepth 1 -type f} counts. Java 17
     * has to stat each entry for its type (find reads it from the directory), so this is slower on big directories.
     */
    REGULAR_FILES
}
