package io.learnloop.lms;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.error.Validator;

import java.time.Instant;
import java.util.List;

/**
 * An organisation licence to record: an institution bought {@code seats} seats of some courses for the learners it
 * launches from one deployment of the tool. A seat is taken by a learner's first launch that nothing else lets in
 * (or by pre-provisioning from the LMS roster) and stays theirs.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param issuer       the platform's issuer
 * @param deploymentId the deployment whose launches may take seats
 * @param courses      the courses a seat opens, 1 to 100 (copied)
 * @param seats        how many learners may take a seat, 1 to 1,000,000
 * @param startsAt     from when seats open the courses
 * @param endsAt       until when (exclusive), or null if the licence does not end
 * @param reference    the institution's order or contract reference, 1 to 100 characters; one licence per
 *                     deployment and reference, so recording it twice yields one licence
 */
public record LicenceRequest(String issuer, String deploymentId, List<CourseId> courses, int seats,
                             Instant startsAt, Instant endsAt, String reference) {
    /** The most seats of one licence. */
    public static final int MAX_SEATS = 1_000_000;

    /**
     * Validates every field at once.
     *
     * @param issuer       the issuer
     * @param deploymentId the deployment
     * @param courses      the courses
     * @param seats        the seats
     * @param startsAt     the start
     * @param endsAt       the end, or null
     * @param reference    the reference
     * @throws io.learnloop.core.error.ValidationException naming every bad field
     */
    public LicenceRequest {
        new Validator()
                .notBlank("issuer", issuer, PlatformRegistration.MAX_LENGTH)
                .notBlank("deploymentId", deploymentId, PlatformRegistration.MAX_LENGTH)
                .check(courses != null && !courses.isEmpty() && courses.size() <= 100
                        && courses.stream().noneMatch(java.util.Objects::isNull), "courses", "must list 1 to 100 courses")
                .check(seats >= 1 && seats <= MAX_SEATS, "seats", "must be 1 to " + MAX_SEATS + " (was " + seats + ")")
                .notNull("startsAt", startsAt)
                .check(endsAt == null || startsAt == null || endsAt.isAfter(startsAt), "endsAt", "must be after startsAt")
                .notBlank("reference", reference, 100)
                .throwIfInvalid();
        courses = courses.stream().distinct().toList();
    }
}
