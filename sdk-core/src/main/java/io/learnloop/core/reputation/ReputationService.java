package io.learnloop.core.reputation;

import io.learnloop.core.Page;
import io.learnloop.core.credential.VerificationResult;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.learning.NoteId;

import java.util.List;

/**
 * Reputation from knowledge sharing: an append-only journal per learner, a score that decays with a half-life, roles
 * and coupons a score unlocks, and Open Badges 3.0 credentials for achievements. See {@code docs/community.md}.
 *
 * <p>Recording an award is one unit of work: the journal entry, the learner's summary (so reading a score costs one
 * read), the roles gained or lost, a coupon earned and a badge issued are all kept, or none of them.
 *
 * <p>Thread-safe: implementations are.
 */
public interface ReputationService {
    /**
     * Records an award. Idempotent: an award whose source and source id were recorded before returns that entry and
     * counts nothing again. The learner's roles are evaluated, and coupons and badges the new score reaches are
     * issued, in the same unit of work.
     *
     * @param award the award
     * @return the journal entry
     * @throws ReputationRejectedException                 if the actor awards themselves, awards the same learner
     *                                                     and target twice, or is over the day's cap
     * @throws io.learnloop.core.error.ValidationException if the award is missing
     */
    ReputationEntry record(ReputationAward award);

    /**
     * Records a peer review: the reviewer earns {@link ReputationSource#PEER_REVIEW} points for reviewing the
     * submitter's work. The submitter is the award's actor, so a learner cannot earn by reviewing their own work, one
     * reviewer earns once per submission, and one submitter's work earns reviewers at most the day's cap.
     *
     * @param reviewer     who reviewed, and earns
     * @param submitter    whose work was reviewed
     * @param submissionId the work reviewed (the award's target)
     * @param reviewId     the review (the source id); recording it again counts nothing
     * @return the journal entry
     * @throws ReputationRejectedException if one of the anti-gaming rules refuses it
     */
    ReputationEntry recordPeerReview(UserId reviewer, UserId submitter, String submissionId, String reviewId);

    /**
     * Marks a shared note helpful: its author earns {@link ReputationSource#SHARED_NOTE} points. Marking it again
     * counts nothing.
     *
     * @param voter who found it helpful
     * @param note  the note
     * @return the journal entry
     * @throws io.learnloop.core.error.NotFoundException if the note does not exist
     * @throws io.learnloop.core.error.ConflictException with {@code INVALID_STATE} if the note is private
     * @throws ReputationRejectedException               if the voter wrote it or is over the day's cap
     */
    ReputationEntry markNoteHelpful(UserId voter, NoteId note);

    /**
     * A learner's reputation now, read from their summary (one read, however long the journal): a learner with no
     * journal scores zero.
     *
     * @param learner the learner
     * @return the score
     */
    ReputationScore score(UserId learner);

    /**
     * One page of a learner's journal, newest first.
     *
     * @param learner the learner
     * @param cursor  the previous page's cursor, or null
     * @param limit   the page size, 1 to {@value Page#MAX_LIMIT}
     * @return the page
     */
    Page<ReputationEntry> journal(UserId learner, String cursor, int limit);

    /**
     * Evaluates a learner's roles against their score now: a role whose threshold the score reaches is granted, one
     * whose threshold the decayed score no longer reaches is removed. Recording an award evaluates too, and
     * {@code Learnloop.runScheduledJobs()} evaluates every holder at its first run after the holder's score decayed
     * below a role's threshold ({@link RoleHolding#lapsesAt()}); a host calls this to have it at once.
     *
     * @param learner the learner
     * @return the score and the roles held afterwards
     */
    ReputationScore evaluate(UserId learner);

    /**
     * Whether a learner held a role after their last evaluation.
     *
     * @param learner the learner
     * @param role    the role
     * @return true if held
     */
    boolean hasRole(UserId learner, ReputationRole role);

    /**
     * One page of a role's holders, longest-standing first.
     *
     * @param role   the role
     * @param cursor the previous page's cursor, or null
     * @param limit  the page size
     * @return the page
     */
    Page<RoleHolding> holders(ReputationRole role, String cursor, int limit);

    /**
     * The coupons a learner earned (at most one per reward of the policy). A coupon's code is a bearer secret, so
     * only the learner and finance may read them.
     *
     * @param viewer  the learner, or someone with {@link io.learnloop.core.identity.Role#FINANCE}
     * @param learner the learner
     * @return the coupons, oldest first
     * @throws io.learnloop.core.error.ForbiddenException if the viewer is neither
     */
    List<EarnedCoupon> couponsOf(Actor viewer, UserId learner);

    /**
     * One page of a learner's badges, oldest first.
     *
     * @param learner the learner
     * @param cursor  the previous page's cursor, or null
     * @param limit   the page size
     * @return the page
     */
    Page<Badge> badgesOf(UserId learner, String cursor, int limit);

    /**
     * Issues a badge for an achievement the host decides on (a creator's milestone, say). A learner holds at most one
     * badge per achievement key: issuing it again returns the one issued first, even when it was revoked.
     *
     * @param issuer  an admin
     * @param learner who achieved it
     * @param achievement what
     * @return the badge
     * @throws io.learnloop.core.error.ForbiddenException unless the issuer is an admin
     * @throws io.learnloop.core.error.LearnloopException with {@code CONFIGURATION} unless the facade was given a
     *                                                    certificate policy and signing key
     */
    Badge issueBadge(Actor issuer, UserId learner, Achievement achievement);

    /**
     * Reads a badge.
     *
     * @param id the badge
     * @return the badge
     * @throws io.learnloop.core.error.NotFoundException if there is none
     */
    Badge badge(BadgeId id);

    /**
     * Revokes a badge: {@link #verifyBadge} reports it revoked from then on. Revoking it again changes nothing.
     *
     * @param admin  an admin
     * @param id     the badge
     * @param reason why, for the record
     * @return the revoked badge
     * @throws io.learnloop.core.error.ForbiddenException unless the actor is an admin
     * @throws io.learnloop.core.error.NotFoundException  if there is no such badge
     */
    Badge revokeBadge(Actor admin, BadgeId id, String reason);

    /**
     * Verifies a badge's signed credential offline, with the host's signing key and this store's revocations.
     *
     * @param jwt the credential
     * @return the outcome
     * @throws io.learnloop.core.error.LearnloopException with {@code CONFIGURATION} unless badges are configured
     */
    VerificationResult verifyBadge(String jwt);
}
