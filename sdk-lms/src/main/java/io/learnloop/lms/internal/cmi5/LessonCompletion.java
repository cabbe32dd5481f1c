package io.learnloop.lms.internal.cmi5;

import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.identity.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes the lesson bound to a satisfied AU through the core's progress service, so that course completion,
 * {@code lesson.completed} and certificates follow. Completing a lesson twice changes nothing, so a satisfied AU's
 * lesson is completed again at its next launch should the first attempt have failed after the statement was stored.
 *
 * <p>Thread-safe: immutable.
 */
final class LessonCompletion {
    private static final Logger LOG = LoggerFactory.getLogger(LessonCompletion.class);

    private final Learnloop learnloop;

    LessonCompletion(Learnloop learnloop) {
        this.learnloop = learnloop;
    }

    void complete(String learner, String lesson) {
        try {
            learnloop.progress().markDone(UserId.of(learner), LessonId.of(lesson));
        } catch (LearnloopException e) {
            // The AU's statement is stored and its AU satisfied; the lesson is completed again at the next launch.
            LOG.warn("cmi5: lesson {} could not be completed for a satisfied AU ({}); it is retried at the next "
                    + "launch", lesson, e.code());
        }
    }
}
