package io.learnloop.lms;

import java.time.Instant;

/**
 * A started AU session: where to send the learner's browser.
 *
 * <p>Thread-safe: immutable record. {@link #toString()} leaves the URL out: it carries the one-time fetch key.
 *
 * @param url            the AU's URL with the cmi5 launch parameters ({@code endpoint}, {@code fetch},
 *                       {@code actor}, {@code registration}, {@code activityId})
 * @param launchMethod   {@code OwnWindow} (open in a new window or redirect this one) or {@code AnyWindow}
 * @param registration   the learner's registration for the course (reused by every launch of the course)
 * @param sessionId      the session's id
 * @param fetchExpiresAt until when the AU can fetch its credentials
 */
public record Cmi5Launch(String url, String launchMethod, String registration, String sessionId,
                         Instant fetchExpiresAt) {
    @Override
    public String toString() {
        return "Cmi5Launch[registration=" + registration + ", sessionId=" + sessionId + ", launchMethod="
                + launchMethod + ", fetchExpiresAt=" + fetchExpiresAt + "]";
    }
}
