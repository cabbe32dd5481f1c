package io.learnloop.lms;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.identity.UserId;

import java.time.Instant;
import java.util.List;

/**
 * An organisation licence as recorded, with how many of its seats are taken. Each taken seat is also a grant in the
 * core's access ledger (source {@code MANUAL}, reference {@link #grantReference()}, granted by the admin who recorded
 * the licence), so access decisions, learners-of-a-course pages and access events see it like any other grant.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id           the licence id
 * @param issuer       the platform's issuer
 * @param deploymentId the deployment
 * @param courses      the courses a seat opens (copied)
 * @param seats        how many seats were bought
 * @param taken        how many are taken
 * @param startsAt     from when seats open the courses
 * @param endsAt       until when, or null
 * @param reference    the institution's reference
 * @param recordedBy   the admin who recorded it, who is named as the granter of its seats
 * @param recordedAt   when it was recorded
 */
public record SeatLicence(String id, String issuer, String deploymentId, List<CourseId> courses, int seats, int taken,
                          Instant startsAt, Instant endsAt, String reference, UserId recordedBy, Instant recordedAt) {
    /**
     * Copies the courses.
     *
     * @param id           the id
     * @param issuer       the issuer
     * @param deploymentId the deployment
     * @param courses      the courses
     * @param seats        the seats
     * @param taken        the taken seats
     * @param startsAt     the start
     * @param endsAt       the end
     * @param reference    the reference
     * @param recordedBy   the admin
     * @param recordedAt   when
     */
    public SeatLicence {
        courses = courses == null ? List.of() : List.copyOf(courses);
    }

    /**
     * How many seats are still free.
     *
     * @return the free seats
     */
    public int free() {
        return seats - taken;
    }

    /**
     * The reference of the access-ledger grants of this licence's seats.
     *
     * @return {@code lti-seat:} and the licence id
     */
    public String grantReference() {
        return "lti-seat:" + id;
    }

    /**
     * Whether a seat of this licence opens a course at an instant.
     *
     * @param course the course
     * @param at     the instant
     * @return true if covered and within the licence's dates
     */
    public boolean opens(CourseId course, Instant at) {
        return courses.contains(course) && !at.isBefore(startsAt) && (endsAt == null || at.isBefore(endsAt));
    }
}
