package dev.costguard.doctor;

/** How one doctor check ended. Only FAIL stops a deploy. */
public enum Verdict {
    PASS, WARN, FAIL, SKIP
}
