package io.learnloop.core.internal.privacy;

import io.learnloop.core.internal.practice.PracticeTypes;
import io.learnloop.core.internal.subscription.SubscriptionTypes;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.credential.Certificate;
import io.learnloop.core.credential.CertificateStatus;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.access.AccessTypes;
import io.learnloop.core.internal.assessment.AssessmentTypes;
import io.learnloop.core.internal.commerce.CommerceTypes;
import io.learnloop.core.internal.credential.CredentialTypes;
import io.learnloop.core.internal.reputation.ReputationTypes;
import io.learnloop.core.internal.learning.LearningTypes;
import io.learnloop.core.internal.paging.KeysetRecords;
import io.learnloop.core.internal.recall.RecallTypes;
import io.learnloop.core.internal.review.ReviewTypes;
import io.learnloop.core.privacy.Erasure;
import io.learnloop.core.privacy.ErasureScope;
import io.learnloop.core.privacy.PersonalDataEraser;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.Versioned;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The erasure steps of what sdk-core holds about a learner, run after every module's: a module may still find the
 * learner's orders by the learner's id. Amounts are never touched, so orders, refunds and ledger entries (which name
 * orders and accounts, never learners) still add up.
 *
 * <p>Thread-safe: stateless.
 */
public final class CoreErasers {
    private static final Set<String> NONE = Set.of();
    private static final Set<String> REVIEW_TEXT = Set.of("title", "body", "moderationReason", "history");
    private static final Set<String> QUIZ_FREE_TEXT = Set.of("text");
    private static final Set<String> PRACTICE_WORK = Set.of("text", "links", "files", "group");
    private static final Set<String> CERTIFICATE_TEXT = Set.of("jwt", "revocationReason");

    private CoreErasers() {
    }

    /**
     * The steps, in the order run.
     *
     * @param ctx the context
     * @return the steps
     */
    public static List<PersonalDataEraser> of(ServiceContext ctx) {
        return List.of(
                step("coupon-redemptions", learner -> holds(ctx, CommerceTypes.ORDER, CommerceTypes.BY_LEARNER,
                        learner), e -> eachOrder(ctx, e.learner(), order -> e.rewriteAll(CommerceTypes.REDEMPTION,
                        "order", order.id().value(), NONE, UnaryOperator.identity()))),
                step("review-votes", learner -> false, e -> e.rewriteMatching(ReviewTypes.VOTE,
                        v -> v.voter().equals(e.learner()), NONE, UnaryOperator.identity())),
                step("notes", learner -> holds(ctx, LearningTypes.NOTE, LearningTypes.BY_LEARNER, learner),
                        e -> e.rewriteAll(LearningTypes.NOTE, LearningTypes.BY_LEARNER, e.learner().value(), NONE,
                                null)),
                indexed(ctx, "reviews", ReviewTypes.REVIEW, ReviewTypes.BY_LEARNER, REVIEW_TEXT),
                indexed(ctx, "quiz-attempts", AssessmentTypes.ATTEMPT, AssessmentTypes.BY_LEARNER, QUIZ_FREE_TEXT),
                step("reputation", learner -> holds(ctx, ReputationTypes.ENTRY, ReputationTypes.BY_LEARNER, learner)
                        || holds(ctx, ReputationTypes.ENTRY, ReputationTypes.BY_ACTOR, learner)
                        || holds(ctx, ReputationTypes.BADGE, ReputationTypes.BY_LEARNER, learner),
                        e -> eraseReputation(ctx, e)),
                // what was handed in and written goes; scores, grades and their times stay for the course's records
                indexed(ctx, "practice-submissions", PracticeTypes.SUBMISSION, PracticeTypes.BY_LEARNER,
                        PRACTICE_WORK),
                indexed(ctx, "practice-reviews", PracticeTypes.REVIEW, PracticeTypes.BY_REVIEWER, Set.of("comment")),
                indexed(ctx, "practice-grades", PracticeTypes.GRADE, PracticeTypes.BY_LEARNER, NONE),
                // the provider's subscription id stays: refunds and reconciliation still need it
                indexed(ctx, "subscriptions", SubscriptionTypes.SUBSCRIPTION, SubscriptionTypes.BY_LEARNER, NONE),
                indexed(ctx, "practice-appeals", PracticeTypes.APPEAL, PracticeTypes.BY_LEARNER,
                        Set.of("reason", "resolution")),
                step("certificates", learner -> holds(ctx, CredentialTypes.CERTIFICATE, CredentialTypes.BY_LEARNER,
                        learner), e -> e.rewriteAll(CredentialTypes.CERTIFICATE, CredentialTypes.BY_LEARNER,
                        e.learner().value(), CERTIFICATE_TEXT, c -> revoke(ctx, c))),
                indexed(ctx, "lesson-progress", LearningTypes.LESSON_PROGRESS, LearningTypes.BY_LEARNER, NONE),
                indexed(ctx, "course-progress", LearningTypes.COURSE_PROGRESS, LearningTypes.BY_LEARNER, NONE),
                indexed(ctx, "recall-cards", RecallTypes.CARD, RecallTypes.BY_LEARNER_DUE, NONE),
                indexed(ctx, "recall-reviews", RecallTypes.REVIEW, RecallTypes.BY_LEARNER_REVIEWED, NONE),
                indexed(ctx, "grants", AccessTypes.GRANT, AccessTypes.BY_LEARNER, NONE),
                indexed(ctx, "memberships", AccessTypes.TIMELINE, AccessTypes.BY_LEARNER, NONE),
                indexed(ctx, "consents", PrivacyTypes.CONSENT, PrivacyTypes.BY_LEARNER, NONE),
                step("consent-standing", learner -> ctx.read(uow -> uow.find(PrivacyTypes.STANDING,
                        learner.value())).isPresent(), e -> ctx.transactRetrying(uow -> uow.find(
                        PrivacyTypes.STANDING, e.learner().value()).map(s -> e.rewrite(uow, PrivacyTypes.STANDING, s,
                        NONE)).orElse(false))),
                // an order's refund reasons are typed by the money desk and may name the learner
                indexed(ctx, "orders", CommerceTypes.ORDER, CommerceTypes.BY_LEARNER, Set.of("reason")),
                // what happened, who did it and when stay; the free text written about the learner goes
                indexed(ctx, "audit", PrivacyTypes.AUDIT, PrivacyTypes.BY_SUBJECT, Set.of("reason")));
    }

    /**
     * The journal is kept, pseudonymised, on both sides (what the learner earned and what they awarded), so other
     * learners' scores still add up; the roles the learner held are deleted; their badges are revoked and lose
     * their signed text, like certificates.
     */
    private static void eraseReputation(ServiceContext ctx, Erasure e) {
        String id = e.learner().value();
        e.rewriteAll(ReputationTypes.ENTRY, ReputationTypes.BY_LEARNER, id, NONE, UnaryOperator.identity());
        e.rewriteAll(ReputationTypes.ENTRY, ReputationTypes.BY_ACTOR, id, NONE, UnaryOperator.identity());
        e.rewriteAll(ReputationTypes.ACTOR_DAY, ReputationTypes.BY_ACTOR, id, NONE, UnaryOperator.identity());
        ctx.transactRetrying(uow -> uow.find(ReputationTypes.SUMMARY, id)
                .map(s -> e.rewrite(uow, ReputationTypes.SUMMARY, s, NONE)).orElse(false));
        e.rewriteAll(ReputationTypes.ROLE, ReputationTypes.BY_LEARNER, id, NONE, null);
        e.rewriteAll(ReputationTypes.COUPON, ReputationTypes.BY_LEARNER, id, NONE, UnaryOperator.identity());
        e.rewriteAll(ReputationTypes.BADGE, ReputationTypes.BY_LEARNER, id, CERTIFICATE_TEXT,
                b -> b.status() == CertificateStatus.REVOKED ? b : b.revoked(ctx.now(), "erased"));
    }

    /** Revoked, so its public verification says so; the holder is no longer named by the stored record. */
    private static Certificate revoke(ServiceContext ctx, Certificate c) {
        return c.status() == CertificateStatus.REVOKED ? c : c.revoked(ctx.now(), "erased");
    }

    /**
     * The learner's order ids, a page at a time.
     *
     * @param ctx     the context
     * @param learner the learner
     * @return the ids
     */
    static java.util.Iterator<io.learnloop.core.commerce.OrderId> ordersOf(ServiceContext ctx, UserId learner) {
        java.util.Iterator<Order> orders = KeysetRecords.under(ctx, CommerceTypes.ORDER, CommerceTypes.BY_LEARNER,
                learner.value());
        return new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                return orders.hasNext();
            }

            @Override
            public io.learnloop.core.commerce.OrderId next() {
                return orders.next().id();
            }
        };
    }

    private static void eachOrder(ServiceContext ctx, UserId learner, Consumer<Order> action) {
        KeysetRecords.under(ctx, CommerceTypes.ORDER, CommerceTypes.BY_LEARNER, learner.value())
                .forEachRemaining(action);
    }

    private static <T> PersonalDataEraser indexed(ServiceContext ctx, String name, AggregateType<T> type,
                                                  String index, Set<String> erased) {
        return step(name, learner -> holds(ctx, type, index, learner),
                e -> e.rewriteAll(type, index, e.learner().value(), erased, UnaryOperator.identity()));
    }

    private static <T> boolean holds(ServiceContext ctx, AggregateType<T> type, String index, UserId learner) {
        return ctx.read(uow -> type.isSorted(index)
                ? !uow.findRange(type, index, learner.value(), IndexRange.first(1)).isEmpty()
                : !uow.findBy(type, index, learner.value()).isEmpty());
    }

    private static PersonalDataEraser step(String name, Predicate<UserId> holds, Consumer<Erasure> erase) {
        Objects.requireNonNull(erase, "erase");
        return new PersonalDataEraser() {
            @Override
            public String step() {
                return name;
            }

            @Override
            public boolean holds(ErasureScope scope, UserId learner) {
                return holds.test(learner);
            }

            @Override
            public void erase(Erasure erasure) {
                erase.accept(erasure);
            }
        };
    }
}
