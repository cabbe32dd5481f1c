package io.learnloop.core.event;

/**
 * The event types the SDK emits. The strings are part of the wire format and never change.
 *
 * <p>Thread-safe: constants only.
 */
public final class EventTypes {
    /** A course was submitted for review. */
    public static final String COURSE_SUBMITTED = "course.submitted";
    /** A course was created as a draft. */
    public static final String COURSE_CREATED = "course.created";
    /** A course's draft version (details, authors, chapters or lessons) was edited. */
    public static final String COURSE_DRAFT_UPDATED = "course.draft_updated";
    /** A reviewer approved a course version. */
    public static final String COURSE_APPROVED = "course.approved";
    /** A reviewer sent a course back with reasons. */
    public static final String COURSE_CHANGES_REQUESTED = "course.changes_requested";
    /** A course version was published. */
    public static final String COURSE_PUBLISHED = "course.published";
    /** A course was unlisted. */
    public static final String COURSE_UNLISTED = "course.unlisted";
    /** A course was archived. */
    public static final String COURSE_ARCHIVED = "course.archived";
    /** An order was placed. */
    public static final String ORDER_PLACED = "order.placed";
    /** An order is waiting for its payment. */
    public static final String ORDER_AWAITING_PAYMENT = "order.awaiting_payment";
    /** An order was paid. */
    public static final String ORDER_PAID = "order.paid";
    /** Part of an order was refunded. */
    public static final String ORDER_PARTIALLY_REFUNDED = "order.partially_refunded";
    /** An order was refunded in full. */
    public static final String ORDER_REFUNDED = "order.refunded";
    /** An order was cancelled. */
    public static final String ORDER_CANCELLED = "order.cancelled";
    /** An order expired unpaid. */
    public static final String ORDER_EXPIRED = "order.expired";
    /**
     * The outcome of a pay-per-outcome order line was decided at its deadline. Data: {@code orderId}, {@code line},
     * {@code learner}, {@code outcome} (an {@code OutcomeStatus}), {@code kind}, and when money moves
     * {@code refundKey} with {@code refundAmount} and {@code currency} (the refund is settled in the books: return the
     * money through the payment channel with that key) or {@code restOrderId} (the order for the rest).
     */
    public static final String ORDER_OUTCOME_DECIDED = "order.outcome_decided";
    /** A coupon was redeemed. */
    public static final String COUPON_REDEEMED = "coupon.redeemed";
    /** Access was granted. */
    public static final String ACCESS_GRANTED = "access.granted";
    /** Access was revoked. */
    public static final String ACCESS_REVOKED = "access.revoked";
    /**
     * A time-limited grant (a membership period, a rental) reached its end. Carries the same attributes as
     * {@link #ACCESS_GRANTED}: {@code learner}, {@code course} or {@code category}, {@code grant}, {@code source}.
     */
    public static final String ACCESS_EXPIRED = "access.expired";
    /**
     * An auto-renewing membership changed state. Data: {@code subscriptionId}, {@code learner}, {@code plan},
     * {@code provider}, {@code status} and {@code previous} (each a {@code SubscriptionStatus}).
     */
    public static final String SUBSCRIPTION_CHANGED = "subscription.changed";
    /** A lesson was completed. */
    public static final String LESSON_COMPLETED = "lesson.completed";
    /** A course was completed. */
    public static final String COURSE_COMPLETED = "course.completed";
    /** A quiz attempt was graded. */
    public static final String QUIZ_GRADED = "quiz.graded";
    /** A certificate was issued. */
    public static final String CERTIFICATE_ISSUED = "certificate.issued";
    /** A certificate was revoked. */
    public static final String CERTIFICATE_REVOKED = "certificate.revoked";
    /** A review was written or edited. */
    public static final String REVIEW_SUBMITTED = "review.submitted";
    /** Ledger entries were posted. */
    public static final String LEDGER_POSTED = "ledger.posted";
    /** A learner earned reputation (attributes: learner, source, actor, points). */
    public static final String REPUTATION_AWARDED = "reputation.awarded";
    /** A learner's reputation reached a role's threshold (attributes: learner, role). */
    public static final String REPUTATION_ROLE_GAINED = "reputation.role_gained";
    /** A learner's decayed reputation fell below a role's threshold (attributes: learner, role). */
    public static final String REPUTATION_ROLE_LOST = "reputation.role_lost";
    /** A learner earned a coupon with their reputation (attributes: learner, reward; never the code). */
    public static final String REPUTATION_COUPON_EARNED = "reputation.coupon_earned";
    /** A badge was issued (attributes: learner, achievement, credentialId). */
    public static final String BADGE_ISSUED = "badge.issued";
    /** A badge was revoked (attributes: learner, achievement, credentialId). */
    public static final String BADGE_REVOKED = "badge.revoked";
    /** A learner handed in (or replaced) practice work: {@code learnerId}, {@code assignmentId}, {@code submissionId}. */
    public static final String PRACTICE_SUBMITTED = "practice.submitted";
    /**
     * A practice grade became final or was changed on appeal: {@code learnerId}, {@code courseId},
     * {@code lessonId}, {@code assignmentId}, {@code submissionId}, {@code scoreBp}, {@code scoreGiven},
     * {@code scoreMaximum} (what an LMS grade passback sends) and {@code passed}.
     */
    public static final String PRACTICE_GRADED = "practice.graded";
    /**
     * A learner wrote a peer review of another learner's practice work: {@code reviewerId}, {@code learnerId} (whose
     * work it was), {@code submissionId} and {@code reviewId}. Reputation awards the reviewer for it.
     */
    public static final String PRACTICE_REVIEWED = "practice.reviewed";

    private EventTypes() {
    }
}
