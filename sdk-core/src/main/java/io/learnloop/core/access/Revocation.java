package io.learnloop.core.access;

import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.UserId;

import java.time.Instant;

/**
 * The end of a grant before its time. Recorded on the grant, never removed: the ledger keeps what was granted and
 * when it was taken back.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param reason    why
 * @param reference the refund, chargeback or ticket reference, 1 to 200 characters
 * @param revokedAt from when the grant no longer counts
 * @param revokedBy the admin who revoked it, or null for refunds and chargebacks
 */
public record Revocation(RevocationReason reason, String reference, Instant revokedAt, UserId revokedBy) {
    /**
     * Validates.
     *
     * @param reason    why
     * @param reference the reference
     * @param revokedAt when
     * @param revokedBy who
     * @throws io.learnloop.core.error.ValidationException naming every bad field
     */
    public Revocation {
        new Validator().notNull("revocation.reason", reason)
                .notBlank("revocation.reference", reference, GrantRequest.MAX_REFERENCE)
                .notNull("revocation.revokedAt", revokedAt)
                .check(reason != RevocationReason.MANUAL || revokedBy != null, "revocation.revokedBy",
                        "is required for a manual revocation")
                .throwIfInvalid();
    }
}
