package dev.costguard.core.ports;

/** The account's Lambda concurrency in this region (GetAccountSettings). */
public interface ConcurrencyQuota {

    AccountConcurrency read();

    /**
     * The account's concurrency limit (the quota) and what no function has reserved. Lambda keeps at least
     * {@link #MINIMUM_UNRESERVED} unreserved: a reservation that would leave less is refused.
     */
    record AccountConcurrency(int limit, int unreserved) {

        public static final int MINIMUM_UNRESERVED = 100;

        public int reserved() {
            return limit - unreserved;
        }
    }
}
