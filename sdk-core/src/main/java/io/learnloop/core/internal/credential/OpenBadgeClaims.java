package io.learnloop.core.internal.credential;

import io.learnloop.core.credential.CertificatePolicy;
import io.learnloop.core.credential.CertificateVerifier;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.learning.CourseFacts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the JWT claims of an Open Badges 3.0 {@code OpenBadgeCredential} secured as VC-JWT: {@code iss} is the
 * issuer's id, {@code jti} the credential's id, {@code nbf} its {@code validFrom}, {@code sub} the subject's id,
 * {@code exp} its {@code validUntil}, and {@code vc} the credential itself.
 *
 * <p>Thread-safe: stateless.
 */
public final class OpenBadgeClaims {
    private OpenBadgeClaims() {
    }

    /**
     * The credential's id for a certificate id: {@code urn:uuid:} and the id when it is a UUID, otherwise
     * {@code urn:learnloop:certificate:} and the id.
     *
     * @param certificateId the certificate id
     * @return the URI
     */
    public static String credentialId(String certificateId) {
        boolean uuid = certificateId.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
        return (uuid ? "urn:uuid:" : "urn:learnloop:certificate:") + certificateId;
    }

    /**
     * The achievement's id: the issuer's id followed by {@code /achievements/} and the course id.
     *
     * @param policy the policy
     * @param course the course
     * @return the URI
     */
    public static String achievementId(CertificatePolicy policy, CourseFacts course) {
        return achievementId(policy, course.courseId().value());
    }

    /**
     * An achievement's id: the issuer's id followed by {@code /achievements/} and a path of the issuer's choosing.
     *
     * @param policy the policy
     * @param path   what follows {@code /achievements/}
     * @return the URI
     */
    public static String achievementId(CertificatePolicy policy, String path) {
        String base = policy.issuer().id().endsWith("/") ? policy.issuer().id().substring(0, policy.issuer().id().length() - 1)
                : policy.issuer().id();
        return base + "/achievements/" + path;
    }

    /**
     * Builds the claims.
     *
     * @param policy       the policy
     * @param credentialId the credential's id
     * @param learner      the learner
     * @param course       the course
     * @param narrative    the criteria, in words
     * @param validFrom    the start of validity, whole seconds
     * @param validUntil   the end, or null
     * @return the claims
     */
    public static Map<String, Object> claims(CertificatePolicy policy, String credentialId, UserId learner,
                                             CourseFacts course, String narrative, Instant validFrom, Instant validUntil) {
        return claims(policy, credentialId, learner, achievementId(policy, course), course.title(),
                course.description(), narrative, validFrom, validUntil);
    }

    /**
     * Builds the claims of any achievement, a course's or another's.
     *
     * @param policy        the policy
     * @param credentialId  the credential's id
     * @param learner       the learner
     * @param achievementId the achievement's id
     * @param name          the achievement's name, also the credential's
     * @param description   the achievement's description
     * @param narrative     the criteria, in words
     * @param validFrom     the start of validity, whole seconds
     * @param validUntil    the end, or null
     * @return the claims
     */
    public static Map<String, Object> claims(CertificatePolicy policy, String credentialId, UserId learner,
                                             String achievementId, String name, String description, String narrative,
                                             Instant validFrom, Instant validUntil) {
        String subjectId = policy.subjectIdPrefix() + learner.value();

        Map<String, Object> criteria = new LinkedHashMap<>();
        criteria.put("narrative", narrative);
        Map<String, Object> achievement = new LinkedHashMap<>();
        achievement.put("id", achievementId);
        achievement.put("type", List.of("Achievement"));
        achievement.put("name", name);
        achievement.put("description", description);
        achievement.put("criteria", criteria);
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("id", subjectId);
        subject.put("type", List.of("AchievementSubject"));
        subject.put("achievement", achievement);
        Map<String, Object> issuer = new LinkedHashMap<>();
        issuer.put("id", policy.issuer().id());
        issuer.put("type", List.of("Profile"));
        issuer.put("name", policy.issuer().name());

        Map<String, Object> vc = new LinkedHashMap<>();
        vc.put("@context", List.of(CertificateVerifier.VC_CONTEXT, CertificateVerifier.OB_CONTEXT));
        vc.put("id", credentialId);
        vc.put("type", List.of("VerifiableCredential", "OpenBadgeCredential"));
        vc.put("issuer", issuer);
        vc.put("name", name);
        vc.put("validFrom", validFrom.toString());
        if (validUntil != null) {
            vc.put("validUntil", validUntil.toString());
        }
        vc.put("credentialSubject", subject);
        if (policy.statusListUrl() != null) {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("id", policy.statusListUrl());
            status.put("type", "1EdTechRevocationList");
            vc.put("credentialStatus", status);
        }

        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", policy.issuer().id());
        claims.put("jti", credentialId);
        claims.put("sub", subjectId);
        claims.put("nbf", validFrom.getEpochSecond());
        claims.put("iat", validFrom.getEpochSecond());
        if (validUntil != null) {
            claims.put("exp", validUntil.getEpochSecond());
        }
        claims.put("vc", vc);
        return claims;
    }
}
