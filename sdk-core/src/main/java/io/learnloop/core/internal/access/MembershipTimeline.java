package io.learnloop.core.internal.access;

import io.learnloop.core.commerce.OfferId;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.UserId;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The head of one learner's periods of one membership plan: the point every change to those periods passes through.
 * Each grant and each revocation of a period of the plan rewrites it with a compare-and-set in the transaction that
 * changes the period, so two changes that read the same periods cannot both commit: the later one retries on what
 * the first one wrote. The grants stay the record of the periods; {@code end} repeats what they say, for reading.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id        {@link #idOf(UserId, OfferId)} of the learner and plan
 * @param learner   the learner
 * @param plan      the plan's offer
 * @param end       the latest end among the learner's unrevoked periods of the plan, or null if there is none
 * @param changedAt when a period of the plan was last granted or revoked
 */
public record MembershipTimeline(String id, UserId learner, OfferId plan, Instant end, Instant changedAt) {
    /**
     * Validates.
     *
     * @param id        the id
     * @param learner   the learner
     * @param plan      the plan
     * @param end       the latest end, or null
     * @param changedAt when changed
     * @throws io.learnloop.core.error.ValidationException naming every missing field
     */
    public MembershipTimeline {
        new Validator().notBlank("id", id, 255).notNull("learner", learner).notNull("plan", plan)
                .notNull("changedAt", changedAt).throwIfInvalid();
    }

    /**
     * The id of a learner's timeline of a plan: a digest of both ids, so it is unambiguous and fits any store's id
     * column whatever the ids' lengths.
     *
     * @param learner the learner
     * @param plan    the plan
     * @return the id
     */
    public static String idOf(UserId learner, OfferId plan) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            // ids contain no whitespace, so a space separates them unambiguously
            byte[] digest = sha.digest((learner.value() + " " + plan.value()).getBytes(StandardCharsets.UTF_8));
            return "membership-" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
