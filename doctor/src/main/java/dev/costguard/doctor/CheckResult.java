package dev.costguard.doctor;

/** One line of the doctor's table: the check, its verdict, what was found, and (for WARN and FAIL) the fix in words. */
public record CheckResult(String name, Verdict verdict, String detail, String fix) {

    public static CheckResult pass(String name, String detail) {
        return new CheckResult(name, Verdict.PASS, detail, "");
    }

    public static CheckResult warn(String name, String detail, String fix) {
        return new CheckResult(name, Verdict.WARN, detail, fix);
    }

    public static CheckResult fail(String name, String detail, String fix) {
        return new CheckResult(name, Verdict.FAIL, detail, fix);
    }

    public static CheckResult skip(String name, String reason) {
        return new CheckResult(name, Verdict.SKIP, reason, "");
    }
}
