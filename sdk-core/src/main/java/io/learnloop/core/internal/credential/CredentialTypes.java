package io.learnloop.core.internal.credential;

import io.learnloop.core.credential.Certificate;
import io.learnloop.core.credential.CertificateStatus;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.SortKeys;

/**
 * The aggregate type of certificates.
 *
 * <p>Thread-safe: constants only.
 */
public final class CredentialTypes {
    /** Index of learner ids. */
    public static final String BY_LEARNER = "learner";
    /** Index of course ids. */
    public static final String BY_COURSE = "course";
    /** Index of revoked certificates (key {@code revoked}). */
    public static final String BY_STATUS = "status";
    /** Index of revoked certificates, in the order they were revoked. */
    public static final String REVOKED = "revoked";
    /** Unique: one active certificate per learner and course. */
    public static final String ACTIVE = "active";
    /** Unique: the credential id. */
    public static final String CREDENTIAL = "credential";

    /** A certificate. */
    public static final AggregateType<Certificate> CERTIFICATE = AggregateType
            .builder("certificate", Certificate.class, c -> c.id().value())
            .index(BY_LEARNER, c -> c.learner().value())
            .index(BY_COURSE, c -> c.courseId().value())
            .sortedIndex(REVOKED, c -> c.revokedAt() == null ? null : "revoked", c -> c.revokedAt() == null ? null
                    : SortKeys.instant(c.revokedAt()))
            .index(BY_STATUS, c -> c.status().name())
            .unique(ACTIVE, c -> c.status() == CertificateStatus.ACTIVE ? activeKey(c) : null)
            .unique(CREDENTIAL, Certificate::credentialId)
            .build();

    private CredentialTypes() {
    }

    /**
     * The key of a learner's active certificate for a course.
     *
     * @param c the certificate
     * @return the key
     */
    public static String activeKey(Certificate c) {
        return c.learner().value() + "|" + c.courseId().value();
    }
}
