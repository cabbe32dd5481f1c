package io.learnloop.core.internal.learning;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.access.AccessService;
import io.learnloop.core.assessment.QuizService;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.credential.CertificatePolicy;
import io.learnloop.core.credential.CertificateService;
import io.learnloop.core.internal.credential.DefaultCertificateService;
import io.learnloop.core.internal.settlement.RevocationFollower;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.credential.SigningKey;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.internal.catalog.CatalogTypes;
import io.learnloop.core.internal.review.AccessEntitlementHistory;
import io.learnloop.core.learning.LearningReports;
import io.learnloop.core.learning.LessonCatalog;
import io.learnloop.core.learning.NoteService;
import io.learnloop.core.learning.ProgressPolicy;
import io.learnloop.core.learning.ProgressService;
import io.learnloop.core.review.AffiliateDirectory;
import io.learnloop.core.review.ReviewPolicy;
import io.learnloop.core.review.ReviewService;

/**
 * The learning-record services of one facade, wired to its catalogue and access ledger, and the listener that keeps
 * certificates and reviews in step with refunds.
 *
 * <p>Thread-safe: immutable.
 */
public final class LearningServices {
    private final ProgressService progress;
    private final NoteService notes;
    private final QuizService quizzes;
    private final ReviewService reviews;
    private final DefaultCertificateService certificates;
    private final LearningReports reports;

    /**
     * Wires the services.
     *
     * @param context      the facade's context
     * @param access       the access ledger
     * @param progressRule the progress rules
     * @param reviewRule   the review rules
     * @param affiliates   affiliates of each course
     * @param issuer       the certificate policy, or null when the host issues no certificates
     * @param key          the certificate signing key, or null
     */
    public LearningServices(ServiceContext context, AccessService access, ProgressPolicy progressRule,
                            ReviewPolicy reviewRule, AffiliateDirectory affiliates, CertificatePolicy issuer,
                            SigningKey key) {
        LessonCatalog catalog = new CatalogLessons(context);
        this.progress = ProgressService.create(context, catalog, progressRule);
        this.notes = NoteService.create(context, catalog);
        this.quizzes = QuizService.create(context, catalog);
        this.reviews = ReviewService.create(context, catalog, progress,
                new AccessEntitlementHistory(access, course -> context.read(uow -> uow.find(CatalogTypes.COURSE, course.value()))
                        .map(v -> category(v.value())).orElse(null)),
                affiliates, reviewRule);
        this.certificates = issuer == null ? null
                : new DefaultCertificateService(context, catalog, progress, quizzes, issuer, key);
        this.reports = new StoreLearningReports(context, catalog, reviews);
    }

    private static String category(Course c) {
        return c.published() != null ? c.published().details().category() : c.latest().details().category();
    }

    /**
     * What a refund takes back with a grant, in its own unit of work: the learner's certificates for the grant's
     * courses.
     *
     * @return the follower, which does nothing when no certificates are issued
     */
    public RevocationFollower refundFollower() {
        if (certificates == null) {
            return RevocationFollower.NONE;
        }
        return (uow, grant) -> {
            for (CourseId course : grant.courses()) {
                certificates.revokeWithin(uow, grant.learner(), course, "the purchase behind it was refunded (refund)");
            }
        };
    }

    /**
     * Passes an event to the services that follow refunds.
     *
     * @param event the event
     */
    public void onEvent(DomainEvent event) {
        reviews.refundListener().onEvent(event);
        if (certificates != null) {
            certificates.refundListener().onEvent(event);
        }
    }

    /**
     * The progress service.
     *
     * @return the service
     */
    public ProgressService progress() {
        return progress;
    }

    /**
     * The note service.
     *
     * @return the service
     */
    public NoteService notes() {
        return notes;
    }

    /**
     * The quiz service.
     *
     * @return the service
     */
    public QuizService quizzes() {
        return quizzes;
    }

    /**
     * The review service.
     *
     * @return the service
     */
    public ReviewService reviews() {
        return reviews;
    }

    /**
     * The certificate service.
     *
     * @return the service
     * @throws LearnloopException with {@code CONFIGURATION} when no issuer and key were configured
     */
    public CertificateService certificates() {
        if (certificates == null) {
            throw new LearnloopException(ErrorCode.CONFIGURATION, "Certificates need an issuer and a signing key; "
                    + "configure them with Learnloop.builder().certificates(policy, key).");
        }
        return certificates;
    }

    /**
     * The learning reports.
     *
     * @return the reports
     */
    public LearningReports reports() {
        return reports;
    }
}
