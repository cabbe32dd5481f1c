package io.learnloop.core.learning;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.credential.CertificateId;

import java.time.Instant;

/**
 * A learner's certificate, for reports.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param certificateId the certificate
 * @param courseId      the course
 * @param validFrom     when issued
 * @param active        whether it stands (not revoked)
 */
public record CertificateEntry(CertificateId certificateId, CourseId courseId, Instant validFrom, boolean active) {
}
