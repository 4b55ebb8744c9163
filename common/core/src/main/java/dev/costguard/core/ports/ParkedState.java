package dev.costguard.core.ports;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether the kill switch's stop is in force: one marker that the kill switch writes before it changes anything and
 * recovery removes last. While it is there, nothing Cost Guard runs starts anything that bills.
 */
public interface ParkedState {

    /** Who parked the estate and when; {@code since} is null when the marker's content cannot be read. */
    record Parked(Instant since, String trigger) {

        /** "parked by the kill switch since ...; recovery restores it", the notice every refusal carries. */
        public String notice() {
            return "parked by the kill switch since " + (since == null ? "an unknown time" : since.toString())
                    + (trigger == null ? "" : " (" + trigger + ")") + "; recovery restores it";
        }
    }

    /** Where the marker is kept, for reports ("SSM parameter /cost-guard/dev/parked"). */
    String where();

    /**
     * The marker, or empty when the estate is not parked. A marker that exists but cannot be read still parks it.
     * A failed read is a {@link CloudOperationException}: a caller that cannot tell must not start anything.
     */
    Optional<Parked> read();

    /** Writes the marker unless one is there; returns false (and keeps the earlier one) when it is. */
    boolean park(Parked parked);

    /** Removes the marker; removing one that is not there is not an error. */
    void lift();
}
