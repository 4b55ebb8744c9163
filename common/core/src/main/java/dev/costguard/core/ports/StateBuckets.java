package dev.costguard.core.ports;

import java.util.Optional;

/** The S3 bucket a Terraform state lives in: is it there, versioned, and closed to the public. */
public interface StateBuckets {

    /** The bucket's posture, or empty when no bucket of that name exists. */
    Optional<Posture> posture(String bucket);

    /**
     * Versioning status (Enabled, Suspended, or empty when never enabled) and whether all four settings of the
     * bucket's public access block are on (false when the bucket has no public access block).
     */
    record Posture(Optional<String> versioning, boolean publicAccessBlocked) {

        public boolean versioned() {
            return versioning.filter("Enabled"::equals).isPresent();
        }
    }
}
