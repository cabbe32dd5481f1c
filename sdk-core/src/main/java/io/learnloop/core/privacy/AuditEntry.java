package io.learnloop.core.privacy;

import io.learnloop.core.identity.UserId;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the audit log: who did what, to whom, when. Entries are only ever added.
 *
 * <p>Thread-safe: immutable.
 *
 * @param id      the entry's id
 * @param at      when it was done
 * @param actor   who did it
 * @param action  what was done
 * @param subject the person it was done to or about, or null (a refund names the order's learner)
 * @param target  what it was done to: an order id, a grant id, a consent purpose; or null
 * @param reason  why, as given by the actor, or null
 */
public record AuditEntry(String id, Instant at, UserId actor, AuditAction action, UserId subject, String target,
                         String reason) {
    /** Longest target and reason kept. */
    public static final int MAX_TEXT = 500;

    /**
     * The actor of what the SDK's scheduled jobs do on their own (for example the refund of a pay-per-outcome line
     * at its deadline): no person acted, so the entry names the job run by {@code Learnloop.runScheduledJobs()}.
     * The id holds a colon, which no host user id needs, so it does not clash with a person.
     */
    public static final UserId SCHEDULED_JOB = UserId.of("learnloop:scheduled-job");

    /**
     * Checks the entry is complete.
     */
    public AuditEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
    }
}
