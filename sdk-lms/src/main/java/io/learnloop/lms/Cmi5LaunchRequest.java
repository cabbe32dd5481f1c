package io.learnloop.lms;

import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.error.Validator;

/**
 * A learner's request to launch the assignable unit bound to a lesson.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param lesson    the lesson
 * @param mode      the launch mode
 * @param returnUrl where the AU sends the learner when it ends (an absolute http(s) URL), or null for none
 */
public record Cmi5LaunchRequest(LessonId lesson, Cmi5LaunchMode mode, String returnUrl) {
    /**
     * Checks.
     *
     * @param lesson    the lesson
     * @param mode      the mode
     * @param returnUrl the return URL, or null
     */
    public Cmi5LaunchRequest {
        new Validator().notNull("lesson", lesson).notNull("mode", mode)
                .check(returnUrl == null || PlatformRegistration.httpUrl(returnUrl), "returnUrl",
                        "must be an absolute http(s) URL")
                .throwIfInvalid();
    }

    /**
     * A normal launch without a return URL.
     *
     * @param lesson the lesson
     * @return the request
     */
    public static Cmi5LaunchRequest normal(LessonId lesson) {
        return new Cmi5LaunchRequest(lesson, Cmi5LaunchMode.Normal, null);
    }
}
