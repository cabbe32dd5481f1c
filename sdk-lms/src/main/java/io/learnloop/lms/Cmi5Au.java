package io.learnloop.lms;

import io.learnloop.core.catalog.LessonId;

/**
 * An assignable unit of an imported cmi5 course structure, bound to the Learnloop lesson it completes.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param publisherId      the AU's {@code id} in the course structure, placed in the grouping of its statements
 * @param activityId       the id the LMS launches it with ({@code activityId}), the object of its statements
 * @param title            the first title of the structure, trimmed
 * @param url              the absolute launch URL
 * @param launchMethod     {@code AnyWindow} or {@code OwnWindow}
 * @param moveOn           when the AU is satisfied
 * @param masteryScore     the scaled score a pass needs (0 to 1), or null
 * @param launchParameters the static launch parameters, or null
 * @param entitlementKey   the structure's entitlement key, or null
 * @param activityType     the activity type IRI, or null
 * @param block            the publisher id of the enclosing block, or null
 * @param lesson           the Learnloop lesson the AU completes
 */
public record Cmi5Au(String publisherId, String activityId, String title, String url, String launchMethod,
                     Cmi5MoveOn moveOn, Double masteryScore, String launchParameters, String entitlementKey,
                     String activityType, String block, LessonId lesson) {
}
