package io.learnloop.core.internal.credential;

import io.learnloop.core.Page;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.Pages;
import io.learnloop.core.assessment.Quiz;
import io.learnloop.core.assessment.QuizService;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.credential.Certificate;
import io.learnloop.core.credential.CertificateId;
import io.learnloop.core.credential.CertificatePolicy;
import io.learnloop.core.credential.CertificateService;
import io.learnloop.core.credential.CertificateStatus;
import io.learnloop.core.credential.CertificateVerifier;
import io.learnloop.core.credential.CompletionCheck;
import io.learnloop.core.credential.CompletionRule;
import io.learnloop.core.credential.RevokedCertificate;
import io.learnloop.core.credential.SigningKey;
import io.learnloop.core.credential.VerificationResult;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.Validator;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.event.EventListener;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.store.ConflictRetry;
import io.learnloop.core.json.LearnloopJson;
import io.learnloop.core.learning.CourseCompletion;
import io.learnloop.core.learning.CourseFacts;
import io.learnloop.core.learning.LessonCatalog;
import io.learnloop.core.learning.ProgressService;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The certificate service over the store.
 *
 * <p>Thread-safe: immutable.
 */
public final class DefaultCertificateService implements CertificateService {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultCertificateService.class);
    /** Revocation reasons of {@code access.revoked} that mean the money went back. */
    private static final Set<String> REFUND_REASONS = Set.of("REFUND", "CHARGEBACK");

    private final ServiceContext context;
    private final LessonCatalog catalog;
    private final ProgressService progress;
    private final QuizService quizzes;
    private final CertificatePolicy policy;
    private final SigningKey key;
    private final CertificateVerifier verifier;

    /**
     * Creates the service.
     *
     * @param context  the context
     * @param catalog  lesson and course facts
     * @param progress progress
     * @param quizzes  quizzes
     * @param policy   the policy
     * @param key      the signing key
     */
    public DefaultCertificateService(ServiceContext context, LessonCatalog catalog, ProgressService progress,
                                     QuizService quizzes, CertificatePolicy policy, SigningKey key) {
        this.context = Objects.requireNonNull(context, "context");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.quizzes = Objects.requireNonNull(quizzes, "quizzes");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.key = Objects.requireNonNull(key, "key");
        this.verifier = CertificateVerifier.builder().issuer(policy.issuer().id()).key(key.kid(), key.publicKey())
                .clock(context.clock()).revocations(this::isRevoked).build();
    }

    private boolean isRevoked(String credentialId) {
        return context.read(uow -> uow.findUnique(CredentialTypes.CERTIFICATE, CredentialTypes.CREDENTIAL, credentialId))
                .map(v -> v.value().status() == CertificateStatus.REVOKED).orElse(false);
    }

    @Override
    public CompletionCheck check(UserId learner, CourseId course) {
        new Validator().notNull("learner", learner).notNull("courseId", course).throwIfInvalid();
        CompletionRule rule = policy.rule();
        List<String> missing = new ArrayList<>();
        CourseCompletion completion = progress.courseCompletion(learner, course);
        if (completion.totalLessons() == 0) {
            missing.add("the course has no lessons");
        }
        if (rule.requireRequiredLessons() && completion.requiredDone() < completion.requiredTotal()) {
            missing.add((completion.requiredTotal() - completion.requiredDone()) + " of " + completion.requiredTotal()
                    + " required lessons are not complete");
        }
        if (completion.percent() < rule.minimumPercent()) {
            missing.add(completion.percent() + "% of lessons are complete, " + rule.minimumPercent() + "% are needed");
        }
        if (rule.requireFinalQuiz()) {
            Optional<Quiz> finalQuiz = quizzes.finalQuiz(course);
            if (finalQuiz.isPresent() && !quizzes.hasPassed(learner, finalQuiz.get().id())) {
                missing.add("the final quiz '" + finalQuiz.get().title() + "' is not passed");
            }
        }
        return new CompletionCheck(missing.isEmpty(), missing);
    }

    @Override
    public Certificate issue(UserId learner, CourseId course) {
        new Validator().notNull("learner", learner).notNull("courseId", course).throwIfInvalid();
        Optional<Certificate> existing = active(learner, course);
        if (existing.isPresent()) {
            return existing.get();
        }
        CourseFacts facts = catalog.course(course).orElse(null);
        new Validator().check(facts != null, "courseId", "no course '" + course + "' exists").throwIfInvalid();
        CompletionCheck check = check(learner, course);
        if (!check.met()) {
            throw new ConflictException(ErrorCode.INVALID_STATE, "Learner '" + learner + "' has not met the completion "
                    + "rule of course '" + course + "': " + String.join("; ", check.missing()) + ".");
        }
        CertificateId id = new CertificateId(context.newId());
        String credentialId = OpenBadgeClaims.credentialId(id.value());
        Instant validFrom = context.now().truncatedTo(ChronoUnit.SECONDS);
        Instant validUntil = policy.validity() == null ? null : validFrom.plus(policy.validity());
        Map<String, Object> claims = OpenBadgeClaims.claims(policy, credentialId, learner, facts,
                narrative(facts), validFrom, validUntil);
        String jwt = key.signJwt(claims);
        Certificate certificate = new Certificate(id, learner, course, credentialId, key.kid(), key.algorithm(),
                validFrom, validUntil, jwt, CertificateStatus.ACTIVE, null, null);
        try {
            return context.transact(uow -> {
                uow.insert(CredentialTypes.CERTIFICATE, certificate);
                uow.publish(context.event(EventTypes.CERTIFICATE_ISSUED, id.value(), Map.of(
                        "learnerId", learner.value(), "courseId", course.value(), "credentialId", credentialId)));
                return certificate;
            });
        } catch (ConflictException e) {
            if (e.code() == ErrorCode.DUPLICATE_KEY) {
                // issued concurrently: the other issue won, and its certificate is the learner's
                return active(learner, course).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    private String narrative(CourseFacts course) {
        CompletionRule rule = policy.rule();
        StringBuilder s = new StringBuilder("Completed ");
        s.append(rule.requireRequiredLessons() ? "every required lesson of " : "the course ").append(course.title());
        if (rule.minimumPercent() > 0) {
            s.append(", at least ").append(rule.minimumPercent()).append("% of all lessons");
        }
        if (rule.requireFinalQuiz() && quizzes.finalQuiz(course.courseId()).isPresent()) {
            s.append(", and passed its final quiz");
        }
        return s.append('.').toString();
    }

    private Optional<Certificate> active(UserId learner, CourseId course) {
        return context.read(uow -> uow.findUnique(CredentialTypes.CERTIFICATE, CredentialTypes.ACTIVE,
                learner.value() + "|" + course.value())).map(Versioned::value);
    }

    @Override
    public Certificate certificate(CertificateId id) {
        new Validator().notNull("certificateId", id).throwIfInvalid();
        return context.read(uow -> uow.get(CredentialTypes.CERTIFICATE, id.value()).value());
    }

    @Override
    public List<Certificate> certificatesOf(UserId learner) {
        new Validator().notNull("learner", learner).throwIfInvalid();
        return context.read(uow -> uow.findBy(CredentialTypes.CERTIFICATE, CredentialTypes.BY_LEARNER, learner.value()))
                .stream().map(Versioned::value).toList();
    }

    @Override
    public Certificate revoke(Actor admin, CertificateId id, String reason) {
        new Validator().notNull("admin", admin).notNull("certificateId", id).notBlank("reason", reason, 500).throwIfInvalid();
        admin.require(Role.ADMIN, "revoke a certificate");
        return ConflictRetry.onConflict(() -> context.transact(uow -> revokeOne(uow, uow.get(CredentialTypes.CERTIFICATE, id.value()), reason)));
    }

    private Certificate revokeOne(UnitOfWork uow, Versioned<Certificate> v, String reason) {
        if (v.value().status() == CertificateStatus.REVOKED) {
            return v.value();
        }
        Certificate revoked = v.value().revoked(context.now(), reason);
        uow.update(CredentialTypes.CERTIFICATE, revoked, v.version());
        uow.publish(context.event(EventTypes.CERTIFICATE_REVOKED, revoked.id().value(), Map.of(
                "learnerId", revoked.learner().value(), "courseId", revoked.courseId().value(),
                "credentialId", revoked.credentialId(), "reason", reason)));
        return revoked;
    }

    @Override
    public List<Certificate> revokeFor(UserId learner, CourseId course, String reason) {
        new Validator().notNull("learner", learner).notNull("courseId", course).notBlank("reason", reason, 500).throwIfInvalid();
        return ConflictRetry.onConflict(() -> context.transact(uow -> revokeWithin(uow, learner, course, reason)));
    }

    /**
     * Revokes a learner's active certificate for a course in the caller's unit of work, so it is revoked with the
     * refund that took the course back, or not at all.
     *
     * @param uow     the unit of work
     * @param learner the learner
     * @param course  the course
     * @param reason  why
     * @return the certificates revoked (none if the learner holds no active one)
     */
    public List<Certificate> revokeWithin(UnitOfWork uow, UserId learner, CourseId course, String reason) {
        List<Certificate> revoked = new ArrayList<>();
        uow.findUnique(CredentialTypes.CERTIFICATE, CredentialTypes.ACTIVE, learner.value() + "|" + course.value())
                .ifPresent(v -> revoked.add(revokeOne(uow, v, reason)));
        return revoked;
    }

    @Override
    public Page<RevokedCertificate> revocationList(String cursor, int limit) {
        return context.read(uow -> Pages.page(uow, CredentialTypes.CERTIFICATE, CredentialTypes.REVOKED, "revoked",
                IndexRange.first(limit), cursor,
                c -> new RevokedCertificate(c.id(), c.credentialId(), c.revokedAt(), c.revocationReason())));
    }

    @Override
    public VerificationResult verify(String jwt) {
        return verifier.verify(jwt);
    }

    @Override
    public String jwks() {
        return LearnloopJson.toJson(Map.of("keys", List.of(key.publicJwk())));
    }

    @Override
    public EventListener refundListener() {
        return this::onAccessRevoked;
    }

    private void onAccessRevoked(DomainEvent event) {
        if (!EventTypes.ACCESS_REVOKED.equals(event.type())) {
            return;
        }
        String reason = event.get("reason");
        if (reason != null && !REFUND_REASONS.contains(reason.toUpperCase(Locale.ROOT))) {
            return;
        }
        String learner = first(event, "learnerId", "learner");
        String course = first(event, "courseId", "course");
        if (learner == null || course == null) {
            return;
        }
        List<Certificate> revoked = revokeFor(UserId.of(learner), CourseId.of(course),
                "the purchase behind it was refunded" + (reason == null ? "" : " (" + reason.toLowerCase(Locale.ROOT) + ")"));
        if (!revoked.isEmpty()) {
            LOG.debug("Revoked certificate {} after access event {}", revoked.get(0).id(), event.id());
        }
    }

    private static String first(DomainEvent event, String... keys) {
        for (String k : keys) {
            if (event.get(k) != null) {
                return event.get(k);
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "CertificateService[issuer=" + policy.issuer().id() + ", kid=" + key.kid() + "]";
    }
}
