package io.learnloop.core.credential;

import io.learnloop.core.Page;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.assessment.QuizService;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.event.EventListener;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.credential.DefaultCertificateService;
import io.learnloop.core.learning.LessonCatalog;
import io.learnloop.core.learning.ProgressService;

import java.util.List;

/**
 * Certificates: issued as Open Badges 3.0 {@code OpenBadgeCredential}s signed as VC-JWT when the course's completion
 * rule holds, verified offline, revoked by the issuer or when the purchase behind them is refunded.
 *
 * <p>Thread-safe.
 */
public interface CertificateService {
    /**
     * Creates the service.
     *
     * @param context  the facade's context
     * @param catalog  lesson and course facts
     * @param progress progress, for the completion rule
     * @param quizzes  quizzes, for the final quiz
     * @param policy   issuer, rule and validity
     * @param key      the host's signing key
     * @return the service
     */
    static CertificateService create(ServiceContext context, LessonCatalog catalog, ProgressService progress,
                                     QuizService quizzes, CertificatePolicy policy, SigningKey key) {
        return new DefaultCertificateService(context, catalog, progress, quizzes, policy, key);
    }

    /**
     * Checks the completion rule without issuing.
     *
     * @param learner the learner
     * @param course  the course
     * @return whether it holds and what is missing
     */
    CompletionCheck check(UserId learner, CourseId course);

    /**
     * Issues the learner's certificate for a course, or returns the one already active. Emits
     * {@code certificate.issued}.
     *
     * @param learner the learner
     * @param course  the course
     * @return the certificate
     * @throws io.learnloop.core.error.ConflictException with {@code INVALID_STATE} naming what is missing when the
     *                                                   completion rule does not hold
     */
    Certificate issue(UserId learner, CourseId course);

    /**
     * Reads a certificate.
     *
     * @param id the certificate
     * @return the certificate
     * @throws io.learnloop.core.error.NotFoundException if absent
     */
    Certificate certificate(CertificateId id);

    /**
     * A learner's certificates, active and revoked.
     *
     * @param learner the learner
     * @return the certificates
     */
    List<Certificate> certificatesOf(UserId learner);

    /**
     * Revokes a certificate. Repeating it changes nothing.
     *
     * @param admin  an admin
     * @param id     the certificate
     * @param reason why, shown in the revocation list
     * @return the revoked certificate
     */
    Certificate revoke(Actor admin, CertificateId id, String reason);

    /**
     * Revokes the learner's active certificate for a course, if any, because the purchase behind it was refunded.
     *
     * @param learner the learner
     * @param course  the course
     * @param reason  why
     * @return the revoked certificates (empty if none was active)
     */
    List<Certificate> revokeFor(UserId learner, CourseId course, String reason);

    /**
     * One page of the revocation list: the revoked certificates of this tenant, oldest revocation first.
     *
     * @param cursor the previous page's {@link Page#nextCursor()}, or null for the first page
     * @param limit  the page size, 1 to {@value Page#MAX_LIMIT}
     * @return the page
     */
    Page<RevokedCertificate> revocationList(String cursor, int limit);

    /**
     * Verifies a certificate against this issuer's keys, the revocation list and the clock.
     *
     * @param jwt the compact VC-JWT
     * @return the result
     */
    VerificationResult verify(String jwt);

    /**
     * The issuer's public keys as a JWK Set document, for the host to serve where verifiers look for them.
     *
     * @return the JSON text
     */
    String jwks();

    /**
     * The listener that revokes certificates when the purchase behind them is refunded: it acts on
     * {@code access.revoked} events whose reason is a refund or a chargeback. Register it on the facade's builder.
     *
     * @return the listener
     */
    EventListener refundListener();
}
