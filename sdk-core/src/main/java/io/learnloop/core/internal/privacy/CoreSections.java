package io.learnloop.core.internal.privacy;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.access.AccessService;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.assessment.AssessmentTypes;
import io.learnloop.core.internal.commerce.CommerceTypes;
import io.learnloop.core.internal.credential.CredentialTypes;
import io.learnloop.core.internal.paging.KeysetRecords;
import io.learnloop.core.internal.reputation.ReputationTypes;
import io.learnloop.core.internal.recall.RecallTypes;
import io.learnloop.core.learning.NoteService;
import io.learnloop.core.learning.ProgressService;
import io.learnloop.core.privacy.ErasureScope;
import io.learnloop.core.privacy.PersonalDataSource;
import io.learnloop.core.review.ReviewService;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.internal.practice.PracticeTypes;
import io.learnloop.core.internal.subscription.SubscriptionTypes;
import io.learnloop.core.store.Versioned;

import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * The export sections of what sdk-core holds about a learner. Listings that grow with time (orders, review cards,
 * consent, audit)
 * are read a page at a time; the others are one learner's records, read at once.
 *
 * <p>Thread-safe: stateless.
 */
public final class CoreSections {
    private CoreSections() {
    }

    /**
     * The sections, in the order an archive lists them.
     *
     * @param ctx          the context
     * @param access       the access ledger
     * @param progress     progress
     * @param notes        notes
     * @param reviews      reviews
     * @return the sections
     */
    public static List<PersonalDataSource> of(ServiceContext ctx, AccessService access, ProgressService progress,
                                              NoteService notes, ReviewService reviews) {
        return List.of(
                paged(ctx, "orders", CommerceTypes.ORDER, CommerceTypes.BY_LEARNER),
                section("grants", learner -> access.grantsOf(learner).iterator()),
                section("progress", learner -> progress.progressOf(learner).iterator()),
                section("notes", learner -> notes.list(learner).iterator()),
                section("quiz-attempts", learner -> ctx.read(uow -> uow.findBy(AssessmentTypes.ATTEMPT,
                        AssessmentTypes.BY_LEARNER, learner.value())).stream().map(Versioned::value).iterator()),
                paged(ctx, "recall-cards", RecallTypes.CARD, RecallTypes.BY_LEARNER_DUE),
                paged(ctx, "recall-reviews", RecallTypes.REVIEW, RecallTypes.BY_LEARNER_REVIEWED),
                // from the store: a platform that stopped issuing certificates still holds those it issued
                section("certificates", learner -> ctx.read(uow -> uow.findBy(CredentialTypes.CERTIFICATE,
                        CredentialTypes.BY_LEARNER, learner.value())).stream().map(Versioned::value).iterator()),
                section("reviews", learner -> reviews.reviewsBy(learner).iterator()),
                paged(ctx, "reputation", ReputationTypes.ENTRY, ReputationTypes.BY_LEARNER),
                paged(ctx, "reputation-given", ReputationTypes.ENTRY, ReputationTypes.BY_ACTOR),
                paged(ctx, "reputation-roles", ReputationTypes.ROLE, ReputationTypes.BY_LEARNER),
                paged(ctx, "reputation-coupons", ReputationTypes.COUPON, ReputationTypes.BY_LEARNER),
                paged(ctx, "badges", ReputationTypes.BADGE, ReputationTypes.BY_LEARNER),
                paged(ctx, "practice-submissions", PracticeTypes.SUBMISSION, PracticeTypes.BY_LEARNER),
                paged(ctx, "practice-reviews", PracticeTypes.REVIEW, PracticeTypes.BY_REVIEWER),
                paged(ctx, "practice-grades", PracticeTypes.GRADE, PracticeTypes.BY_LEARNER),
                paged(ctx, "practice-appeals", PracticeTypes.APPEAL, PracticeTypes.BY_LEARNER),
                paged(ctx, "subscriptions", SubscriptionTypes.SUBSCRIPTION, SubscriptionTypes.BY_LEARNER),
                paged(ctx, "consents", PrivacyTypes.CONSENT, PrivacyTypes.BY_LEARNER),
                paged(ctx, "audit", PrivacyTypes.AUDIT, PrivacyTypes.BY_SUBJECT));
    }

    private static <T> PersonalDataSource paged(ServiceContext ctx, String name, AggregateType<T> type, String index) {
        return section(name, learner -> KeysetRecords.under(ctx, type, index, learner.value()));
    }

    private static PersonalDataSource section(String name, Function<UserId, Iterator<?>> records) {
        return new PersonalDataSource() {
            @Override
            public String section() {
                return name;
            }

            @Override
            public Iterator<?> records(ErasureScope scope, UserId learner) {
                return records.apply(learner);
            }
        };
    }
}
