package io.learnloop.lms;

import io.learnloop.core.catalog.LessonId;

/**
 * A gradebook column of a context (course section) at the platform, created by a launch that asked for one, by a
 * tool through Assignment and Grade Services, or by a Deep Linking response.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id             the line item's id, the last segment of its URL
 * @param url            the line item's URL, its id in the AGS wire format
 * @param clientId       the tool that owns it
 * @param contextId      the context (course section) id
 * @param label          the column's label
 * @param scoreMaximum   the largest score, positive
 * @param resourceLinkId the resource link it belongs to, or null
 * @param resourceId     the tool's own id for the activity, or null
 * @param tag            the tool's tag, or null
 * @param lesson         the Learnloop lesson a completed, fully graded score completes, or null
 */
public record LineItem(String id, String url, String clientId, String contextId, String label, double scoreMaximum,
                       String resourceLinkId, String resourceId, String tag, LessonId lesson) {
}
