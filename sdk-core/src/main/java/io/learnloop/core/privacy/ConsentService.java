package io.learnloop.core.privacy;

import io.learnloop.core.Page;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.UserId;

/**
 * Records what learners agreed to and refused, with the version of the text they saw and when, and answers whether a
 * purpose is allowed. Decisions are append-only: a withdrawal is a new record, and the history stays.
 *
 * <p>Who may do what: a learner records and reads their own decisions; an admin (role {@code ADMIN}) records for a
 * learner (a written request) and reads anyone's. Each recorded decision is also written to the {@link AuditLog}.
 *
 * <p>Thread-safe: implementations must be.
 */
public interface ConsentService {
    /** Most records a history page holds. */
    int MAX_PAGE = 500;

    /**
     * Records a decision.
     *
     * @param actor    who records it
     * @param learner  whose decision it is
     * @param decision the decision
     * @return the record
     * @throws io.learnloop.core.error.ForbiddenException  if the actor is neither the learner nor an admin
     * @throws io.learnloop.core.error.ValidationException if an argument is missing
     */
    ConsentRecord record(Actor actor, UserId learner, ConsentDecision decision);

    /**
     * A learner's standing decisions.
     *
     * @param actor   who asks
     * @param learner the learner
     * @return the latest decision per purpose
     * @throws io.learnloop.core.error.ForbiddenException if the actor is neither the learner nor an admin
     */
    Consents current(Actor actor, UserId learner);

    /**
     * Every decision a learner took, newest first, a page at a time.
     *
     * @param actor   who asks
     * @param learner the learner
     * @param cursor  null for the first page, else the previous page's cursor
     * @param limit   1 to {@link #MAX_PAGE}
     * @return the page
     * @throws io.learnloop.core.error.ForbiddenException if the actor is neither the learner nor an admin
     */
    Page<ConsentRecord> history(Actor actor, UserId learner, String cursor, int limit);

    /**
     * Whether a feature may use a learner's data for a purpose: for the SDK's own features and the host's (a
     * recommender, an analytics export), which act for the platform rather than for a user.
     *
     * @param learner the learner
     * @param purpose the purpose
     * @return true if the learner's latest decision, or the purpose's default, allows it
     */
    boolean allows(UserId learner, ConsentPurpose purpose);
}
